package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The variational parameters of one dense layer with {@code n_in} inputs and {@code n} units:
 * the Gaussian weight posterior {@code q(w_ij) = N(mu_ij, sigma_ij^2)} held as means {@code [n_in, n]}
 * and log-variances {@code [n_in, n]}, a point-estimated bias {@code [1, n]}, and (for gated layers) the
 * Bernoulli gate probabilities {@code theta_j = q(z_j = 1)}, {@code [1, n]}, kept in [0, 1] by projection.
 *
 * <p>The arrays are mutable and updated in place by the trainer; removing units or inputs returns a new,
 * smaller instance (the old arrays are left untouched).
 *
 * @param weightMean        {@code mu}, {@code [n_in, n]}
 * @param weightLogVariance {@code log sigma^2}, {@code [n_in, n]}
 * @param bias              {@code [1, n]}
 * @param gate              {@code theta}, {@code [1, n]}, or {@code null} for an ungated (output) layer
 */
public record VariationalDenseParameters(INDArray weightMean, INDArray weightLogVariance, INDArray bias,
                                         INDArray gate) implements VariationalLayer {

    /** @throws IllegalArgumentException if the shapes are inconsistent */
    public VariationalDenseParameters {
        if (weightMean.rank() != 2 || !weightMean.equalShapes(weightLogVariance)) {
            throw new IllegalArgumentException("weight mean " + Arrays.toString(weightMean.shape())
                    + " and log-variance " + Arrays.toString(weightLogVariance.shape()) + " must be equal-shaped matrices");
        }
        long units = weightMean.size(1);
        if (bias.rank() != 2 || bias.size(0) != 1 || bias.size(1) != units) {
            throw new IllegalArgumentException("bias must be [1, " + units + "], got " + Arrays.toString(bias.shape()));
        }
        if (gate != null && (gate.rank() != 2 || gate.size(0) != 1 || gate.size(1) != units)) {
            throw new IllegalArgumentException("gate must be [1, " + units + "], got " + Arrays.toString(gate.shape()));
        }
    }

    /** Number of inputs {@code n_in}. */
    public int inputs() {
        return (int) weightMean.size(0);
    }

    /** Number of units {@code n}. */
    @Override
    public int units() {
        return (int) weightMean.size(1);
    }

    /** Weights per unit, {@code n_in}. */
    @Override
    public int fanIn() {
        return inputs();
    }

    /** A copy keeping only the units (columns) at {@code kept}. */
    @Override
    public VariationalDenseParameters keepUnits(long[] kept) {
        return new VariationalDenseParameters(UnitSelection.columns(weightMean, kept),
                UnitSelection.columns(weightLogVariance, kept), UnitSelection.columns(bias, kept),
                gate == null ? null : UnitSelection.columns(gate, kept));
    }

    /** A copy keeping only the inputs (rows) at {@code kept}, after units of the previous layer were removed. */
    @Override
    public VariationalDenseParameters keepInputs(long[] kept) {
        return new VariationalDenseParameters(UnitSelection.rows(weightMean, kept),
                UnitSelection.rows(weightLogVariance, kept), bias.dup(), gate == null ? null : gate.dup());
    }
}
