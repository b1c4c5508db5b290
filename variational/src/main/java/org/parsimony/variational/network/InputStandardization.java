package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.LabeledData;

import java.util.ArrayList;
import java.util.List;

/**
 * The global input standardisation {@code x' = (x - mean) / std}, one mean and one standard deviation over every
 * feature of the training set (what torchvision's {@code Normalize((0.2860,), (0.3530,))} does for Fashion-MNIST).
 *
 * <p>Why: the slab prior {@code s1^2 = 2 / n_in} and the initialisation are He et al.'s (2015) scale, which assumes
 * inputs of unit second moment; raw pixels in [0, 1] have {@code E[x^2] ~ 0.21} on Fashion-MNIST and a mean far from
 * zero, so the first layer's prior is about five times too tight and every first-layer unit pays for it in KL.
 *
 * <p>A network trained on standardised inputs is turned back into one that reads the raw features with
 * {@link #foldInto}: for the first layer {@code W' = W / std} and {@code b'_j = b_j - (mean / std) sum_i W_ij}, exact
 * for a dense layer and for a convolution without padding (a zero-padded border would stand for {@code x = mean}).
 *
 * @param mean the training features' mean
 * @param std  the training features' population standard deviation, positive
 */
public record InputStandardization(double mean, double std) {

    /** @throws IllegalArgumentException if the mean is not finite or the standard deviation is not positive and finite */
    public InputStandardization {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("standard deviation must be positive and finite, got " + std);
        }
    }

    /**
     * The mean and population standard deviation over all features of {@code train}, accumulated in {@code double}.
     *
     * @throws IllegalArgumentException if {@code train} is empty or every feature has the same value
     */
    public static InputStandardization fit(LabeledData train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("cannot standardise inputs from an empty training set");
        }
        float[] row = new float[train.featureCount()];
        double sum = 0;
        for (int i = 0; i < train.size(); i++) {
            train.copyFeatures(i, row, 0);
            for (float v : row) {
                sum += v;
            }
        }
        long n = (long) train.size() * train.featureCount();
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < train.size(); i++) {
            train.copyFeatures(i, row, 0);
            for (float v : row) {
                squares += (v - mean) * (v - mean);
            }
        }
        double std = Math.sqrt(squares / n);
        if (!(std > 0)) {
            throw new IllegalArgumentException("every training feature equals " + mean + "; inputs cannot be standardised");
        }
        return new InputStandardization(mean, std);
    }

    /** {@code data} with every feature mapped to {@code (x - mean) / std}. */
    public LabeledData apply(LabeledData data) {
        return data.affine((float) (1 / std), (float) (-mean / std));
    }

    /** Whether {@link #foldInto} is exact for networks of {@code architecture}: a dense or unpadded first layer. */
    public static boolean foldable(Architecture architecture) {
        return architecture.layer(0).padding() != ConvPadding.SAME;
    }

    /**
     * The network that computes on raw features what {@code network} computes on standardised ones: {@code f'(x) =
     * f((x - mean) / std)}, the first layer rescaled and its bias shifted, every other layer copied.
     *
     * @throws IllegalArgumentException if the first layer is a zero-padded convolution (the fold would not be exact)
     */
    public DeterministicNetwork foldInto(DeterministicNetwork network) {
        Architecture architecture = network.architecture();
        if (!foldable(architecture)) {
            throw new IllegalArgumentException("cannot fold an input standardisation into " + architecture.name()
                    + ": its first convolution pads with zeros, which stand for x = mean after folding");
        }
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            weights.add(network.weight(l));
            biases.add(network.bias(l));
        }
        INDArray first = weights.get(0);
        INDArray columnSums = first.reshape('c', first.length() / first.size(first.rank() - 1),
                first.size(first.rank() - 1)).sum(0);
        biases.set(0, biases.get(0).reshape(columnSums.shape()).sub(columnSums.mul(mean / std)));
        weights.set(0, first.div(std));
        return DeterministicNetwork.of(architecture, weights, biases);
    }
}
