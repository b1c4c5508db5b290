package org.parsimony.variational.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multilayer perceptron of {@link VariationalDenseParameters} layers: ReLU hidden layers whose units
 * carry Bernoulli gates, and an ungated linear output layer. It holds state only; the computation lives in
 * {@link org.parsimony.variational.graph.ElboGraph} and the training loop in the trainer.
 *
 * <p>Removing units of layer {@code l} ({@link #keepUnits}) also removes the matching inputs of layer
 * {@code l+1}, so the network stays consistent and physically shrinks.
 */
public final class VariationalMlp {
    private final List<VariationalDenseParameters> layers;

    /** Wraps existing layers (validated to chain). */
    public VariationalMlp(List<VariationalDenseParameters> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs() != layers.get(l - 1).units()) {
                throw new IllegalArgumentException("layer " + l + " has " + layers.get(l).inputs()
                        + " inputs but layer " + (l - 1) + " has " + layers.get(l - 1).units() + " units");
            }
        }
        if (layers.get(layers.size() - 1).gated()) {
            throw new IllegalArgumentException("the output layer cannot be gated: its units are the classes");
        }
        this.layers = new ArrayList<>(layers);
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
        int[] widths = new int[hidden.length + 2];
        widths[0] = inputs;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = classes;
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(widths));
            }
        }
        if (!(initialSigma > 0) || !Double.isFinite(initialSigma)) {
            throw new IllegalArgumentException("initial weight standard deviation must be positive, got " + initialSigma);
        }
        if (!(initialGate > 0 && initialGate <= 1)) {
            throw new IllegalArgumentException("initial gate probability must be in (0, 1], got " + initialGate);
        }
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        List<VariationalDenseParameters> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            int in = widths[l - 1];
            int out = widths[l];
            INDArray mean = Nd4j.randn(random, in, out).castTo(DataType.FLOAT).muli(Math.sqrt(2.0 / in));
            INDArray logVariance = Nd4j.valueArrayOf(new long[] {in, out}, 2 * Math.log(initialSigma), DataType.FLOAT);
            INDArray bias = Nd4j.zeros(DataType.FLOAT, 1, out);
            INDArray gate = l < widths.length - 1 ? Nd4j.valueArrayOf(new long[] {1, out}, initialGate, DataType.FLOAT) : null;
            layers.add(new VariationalDenseParameters(mean, logVariance, bias, gate));
        }
        return new VariationalMlp(layers);
    }

    /** Number of weight layers. */
    public int layerCount() {
        return layers.size();
    }

    /** Layer {@code l}'s parameters (live arrays, updated in place by training). */
    public VariationalDenseParameters layer(int l) {
        return layers.get(l);
    }

    /** Current widths {@code n_0, ..., n_L}, inputs first. */
    public int[] widths() {
        int[] widths = new int[layers.size() + 1];
        widths[0] = layers.get(0).inputs();
        for (int l = 0; l < layers.size(); l++) {
            widths[l + 1] = layers.get(l).units();
        }
        return widths;
    }

    /** Widths of the hidden (gated) layers. */
    public int[] hiddenWidths() {
        int[] widths = widths();
        return Arrays.copyOfRange(widths, 1, widths.length - 1);
    }

    /** Keeps only units {@code kept} of hidden layer {@code l} and the matching inputs of layer {@code l+1}. */
    public void keepUnits(int l, long[] kept) {
        if (l < 0 || l >= layers.size() - 1) {
            throw new IllegalArgumentException("only hidden layers 0.." + (layers.size() - 2) + " can lose units, got " + l);
        }
        if (kept.length == 0) {
            throw new IllegalArgumentException("cannot remove every unit of layer " + l + ": the network would be cut");
        }
        layers.set(l, layers.get(l).keepUnits(kept));
        layers.set(l + 1, layers.get(l + 1).keepInputs(kept));
    }

    /**
     * The deterministic network the variational one stands for once every gate is decided: units with
     * {@code theta_j >= 0.5} are kept ({@code z_j = 1}), the others removed; weights are the posterior means.
     * A layer whose gates are all below 0.5 keeps its single most probable unit, so the output stays connected.
     */
    public DeterministicMlp toDeterministic() {
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        long[] previousKept = null;
        for (int l = 0; l < layers.size(); l++) {
            VariationalDenseParameters layer = layers.get(l);
            INDArray w = layer.weightMean();
            if (previousKept != null) {
                w = UnitSelection.rows(w, previousKept);
            }
            INDArray b = layer.bias();
            if (layer.gated()) {
                long[] kept = openUnits(layer.gate());
                w = UnitSelection.columns(w, kept);
                b = UnitSelection.columns(b, kept);
                previousKept = kept;
            } else {
                previousKept = null;
            }
            weights.add(w);
            biases.add(b.reshape(b.length()));
        }
        return new DeterministicMlp(weights, biases);
    }

    /** Units with {@code theta >= 0.5}; if there are none, the single most probable unit, so a path remains. */
    private static long[] openUnits(INDArray gate) {
        float[] theta = gate.toFloatVector();
        long[] open = java.util.stream.IntStream.range(0, theta.length).filter(j -> theta[j] >= 0.5f)
                .mapToLong(j -> j).toArray();
        if (open.length > 0) {
            return open;
        }
        return new long[] {java.util.stream.IntStream.range(0, theta.length)
                .reduce((a, b) -> theta[a] >= theta[b] ? a : b).getAsInt()};
    }
}
