package org.parsimony.variational.network;

/**
 * What an array of a layer is: the trained parameters of a variational layer (weight posterior mean and
 * log-variance, bias, gate probabilities, batch-norm scale and shift), a batch-normalised layer's running statistics,
 * and the weight of a deterministic layer. With the layer's index it makes a {@link ParameterKey}.
 */
public enum ParameterKind {
    /** Posterior means {@code mu} of the weights. */
    WEIGHT_MEAN("weightMean", true),
    /** Posterior log-variances {@code log sigma^2} of the weights. */
    WEIGHT_LOG_VARIANCE("weightLogVariance", true),
    /** A deterministic layer's weights. */
    WEIGHT("weight", true),
    /** The biases, one per unit. */
    BIAS("bias", false),
    /** The gate probabilities {@code theta}, one per hidden unit. */
    GATE("gate", false),
    /** Batch normalisation's trained per-channel scale {@code gamma}. */
    BATCH_NORM_SCALE("batchNormScale", false),
    /** Batch normalisation's trained per-channel shift {@code beta}. */
    BATCH_NORM_SHIFT("batchNormShift", false),
    /** Batch normalisation's running per-channel mean (not trained by gradient). */
    BATCH_NORM_MEAN("batchNormMean", false),
    /** Batch normalisation's running per-channel variance (not trained by gradient). */
    BATCH_NORM_VARIANCE("batchNormVariance", false);

    private final String prefix;
    private final boolean hasInputs;

    ParameterKind(String prefix, boolean hasInputs) {
        this.prefix = prefix;
        this.hasInputs = hasInputs;
    }

    /** This kind of array of layer {@code layer}. */
    public ParameterKey at(int layer) {
        return new ParameterKey(layer, this);
    }

    /**
     * Whether the array has a row (or kernel input channel) per input of its layer, so that removing units of the
     * layer before also slices it; every kind has a last axis per unit of its own layer.
     */
    public boolean hasInputs() {
        return hasInputs;
    }

    /** The start of the names of this kind ({@link ParameterKey#graphName()}). */
    String prefix() {
        return prefix;
    }
}
