package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The variational parameters of one convolution with {@code C_in} input channels, {@code C_out} filters
 * and {@code kH x kW} kernels in SameDiff's YXIO layout: weight means and log-variances {@code [kH, kW, C_in, C_out]},
 * a bias {@code [1, C_out]} and (for gated layers) one gate probability per filter {@code [1, C_out]}. Filter
 * {@code j} owns the {@code kH kW C_in} weights {@code W[:, :, :, j]}, and its batch normalisation's scale, shift and
 * statistics when the layer has one.
 *
 * @param weightMean        {@code mu}, {@code [kH, kW, C_in, C_out]}
 * @param weightLogVariance {@code log sigma^2}, same shape
 * @param bias              {@code [1, C_out]}
 * @param gate              {@code theta}, {@code [1, C_out]}, or {@code null}
 * @param norm              the batch normalisation of the filters' outputs, or {@code null} for none
 */
public record VariationalConvParameters(INDArray weightMean, INDArray weightLogVariance, INDArray bias, INDArray gate,
                                        BatchNormState norm) implements VariationalLayer {

    /** @throws IllegalArgumentException if the shapes are inconsistent */
    public VariationalConvParameters {
        if (weightMean.rank() != 4 || !weightMean.equalShapes(weightLogVariance)) {
            throw new IllegalArgumentException("kernel mean " + Arrays.toString(weightMean.shape()) + " and log-variance "
                    + Arrays.toString(weightLogVariance.shape()) + " must be equal-shaped [kH, kW, C_in, C_out] arrays");
        }
        long filters = weightMean.size(3);
        if (bias.rank() != 2 || bias.size(0) != 1 || bias.size(1) != filters) {
            throw new IllegalArgumentException("bias must be [1, " + filters + "], got " + Arrays.toString(bias.shape()));
        }
        if (gate != null && (gate.rank() != 2 || gate.size(0) != 1 || gate.size(1) != filters)) {
            throw new IllegalArgumentException("gate must be [1, " + filters + "], got " + Arrays.toString(gate.shape()));
        }
        if (norm != null && norm.units() != filters) {
            throw new IllegalArgumentException("batch norm of " + norm.units() + " filters on a layer of " + filters);
        }
    }

    /** A convolution without batch normalisation. */
    public VariationalConvParameters(INDArray weightMean, INDArray weightLogVariance, INDArray bias, INDArray gate) {
        this(weightMean, weightLogVariance, bias, gate, null);
    }

    /** Input channels {@code C_in}. */
    public int inputChannels() {
        return (int) weightMean.size(2);
    }

    /** Kernel height {@code kH} (equal to the width for the square kernels built here). */
    public int kernel() {
        return (int) weightMean.size(0);
    }

    @Override
    public int units() {
        return (int) weightMean.size(3);
    }

    @Override
    public int fanIn() {
        return (int) (weightMean.size(0) * weightMean.size(1) * weightMean.size(2));
    }

    @Override
    public VariationalConvParameters keepUnits(long[] kept) {
        return new VariationalConvParameters(UnitSelection.units(weightMean, kept),
                UnitSelection.units(weightLogVariance, kept), UnitSelection.columns(bias, kept),
                gate == null ? null : UnitSelection.columns(gate, kept), norm == null ? null : norm.keepUnits(kept));
    }

    @Override
    public VariationalConvParameters keepInputs(long[] kept) {
        return new VariationalConvParameters(UnitSelection.inputs(weightMean, kept),
                UnitSelection.inputs(weightLogVariance, kept), bias.dup(), gate == null ? null : gate.dup(),
                norm == null ? null : norm.copy());
    }
}
