package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The variational parameters of one weight layer, dense or convolutional: Gaussian weight posterior
 * {@code q(w) = N(mu, sigma^2)} (means and log-variances), a point-estimated bias {@code [1, n]} and, for gated
 * layers, one Bernoulli gate probability {@code theta_j} per unit or filter ({@code [1, n]}). Unit {@code j} owns
 * the weight group that feeds it ({@link #fanIn()} weights): a dense column {@code W[:, j]} or a kernel
 * {@code W[:, :, :, j]}. Removing units or inputs returns a new, smaller instance.
 */
public sealed interface VariationalLayer permits VariationalDenseParameters, VariationalConvParameters {
    /** Weight means {@code mu}. */
    INDArray weightMean();

    /** Weight log-variances {@code log sigma^2}, shaped like {@link #weightMean()}. */
    INDArray weightLogVariance();

    /** Biases, {@code [1, n]}. */
    INDArray bias();

    /** Gate probabilities {@code theta}, {@code [1, n]}, or {@code null} for the ungated output layer. */
    INDArray gate();

    /** Number of units (dense) or filters (conv) {@code n}. */
    int units();

    /** Weights per unit: {@code n_in} (dense) or {@code kH kW C_in} (conv). */
    int fanIn();

    /** The batch normalisation of the layer's output, or {@code null} for none (a dense layer never has one). */
    default BatchNormState norm() {
        return null;
    }

    /** Whether the layer's units carry Bernoulli gates. */
    default boolean gated() {
        return gate() != null;
    }

    /** A copy keeping only the units (output channels) at {@code kept}. */
    VariationalLayer keepUnits(long[] kept);

    /** A copy keeping only the inputs at {@code kept}: rows of a dense layer, input channels of a convolution. */
    VariationalLayer keepInputs(long[] kept);

    /** The weight means as a {@code [fanIn, n]} matrix, one column per unit's weight group. */
    default INDArray weightMeanColumns() {
        return weightMean().rank() == 2 ? weightMean() : weightMean().reshape(fanIn(), units());
    }

    /**
     * Each weight's posterior second moment {@code E_q[w^2] = mu^2 + sigma^2} as a {@code [fanIn, n]} matrix: what the
     * slab's hyper-prior update and the KL of a rescaled unit sum over.
     */
    default INDArray weightSecondMomentColumns() {
        INDArray mean = weightMeanColumns();
        return mean.mul(mean).addi(org.nd4j.linalg.ops.transforms.Transforms.exp(weightLogVarianceColumns(), true));
    }

    /** The weight log-variances as a {@code [fanIn, n]} matrix. */
    default INDArray weightLogVarianceColumns() {
        return weightLogVariance().rank() == 2 ? weightLogVariance() : weightLogVariance().reshape(fanIn(), units());
    }
}
