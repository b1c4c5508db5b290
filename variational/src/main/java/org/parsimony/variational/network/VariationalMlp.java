package org.parsimony.variational.network;

import java.util.Arrays;
import java.util.List;

/**
 * A multilayer perceptron of {@link VariationalDenseParameters} layers: ReLU hidden layers whose units carry
 * Bernoulli gates, and an ungated linear output layer; the all-dense {@link VariationalNetwork}.
 */
public final class VariationalMlp extends VariationalNetwork {

    /** Wraps existing layers (validated to chain). */
    public VariationalMlp(List<VariationalDenseParameters> layers) {
        super(architectureOf(layers), layers);
    }

    private static Architecture architectureOf(List<VariationalDenseParameters> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        int[] hidden = layers.subList(0, layers.size() - 1).stream().mapToInt(VariationalDenseParameters::units).toArray();
        return Architecture.mlp(layers.get(0).inputs(), hidden, layers.get(layers.size() - 1).units());
    }

    /**
     * A fresh network {@code inputs -> hidden[0] -> ... -> classes}. Weight means are He-normal
     * ({@code N(0, 2/n_in)}, suited to ReLU), weight standard deviations all {@code initialSigma},
     * biases 0, gates {@code initialGate}.
     *
     * @throws IllegalArgumentException on a non-positive width, {@code initialSigma <= 0} or a gate outside (0, 1]
     */
    public static VariationalMlp initialize(int inputs, int[] hidden, int classes, double initialSigma,
                                           double initialGate, long seed) {
        return initialize(inputs, hidden, classes, InitialPosterior.absolute(initialSigma), initialGate, seed);
    }

    /**
     * A fresh network {@code inputs -> hidden[0] -> ... -> classes} whose weight posterior starts at
     * {@code posterior}, with biases 0 and gates {@code initialGate}.
     *
     * @throws IllegalArgumentException on a non-positive width or a gate outside (0, 1]
     */
    public static VariationalMlp initialize(int inputs, int[] hidden, int classes, InitialPosterior posterior,
                                           double initialGate, long seed) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = inputs;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = classes;
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(widths));
            }
        }
        List<VariationalDenseParameters> layers = initialLayers(Architecture.mlp(inputs, hidden, classes), posterior,
                initialGate, seed).stream().map(VariationalDenseParameters.class::cast).toList();
        return new VariationalMlp(layers);
    }

    @Override
    public VariationalDenseParameters layer(int l) {
        return (VariationalDenseParameters) super.layer(l);
    }

    @Override
    public DeterministicMlp toDeterministic() {
        return (DeterministicMlp) super.toDeterministic();
    }
}
