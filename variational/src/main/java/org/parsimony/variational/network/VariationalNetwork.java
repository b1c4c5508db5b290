package org.parsimony.variational.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A feed-forward network of {@link VariationalLayer}s laid out by an {@link Architecture}: gated ReLU hidden layers
 * (dense units or convolution filters, each with one Bernoulli gate) and an ungated linear output layer. It holds
 * state only; the computation lives in {@link org.parsimony.variational.graph.ElboObjective} and the training loop in
 * the trainer.
 *
 * <p>Removing units of layer {@code l} ({@link #keepUnits}) also removes what they fed in the layers that read it
 * ({@link LayerDependencies}; layer {@code l+1} in a chain): the matching rows of a dense layer, the matching input
 * channels of a convolution, or, for the dense layer after the flatten, the {@code H W} rows {@code c H W + p} of each
 * removed channel {@code c}; so the network stays consistent and physically shrinks. In a residual network the
 * channels an addition couples share one gate, held by the first layer of their group
 * ({@link LayerDependencies#gateHolder}; the other layers of the group have none), and are removed from every layer of
 * the group at once.
 */
public sealed class VariationalNetwork permits VariationalMlp {
    private final Architecture structure;
    private final List<VariationalLayer> layers;

    /**
     * Wraps existing layers (validated against the architecture's kinds and to chain; the architecture's widths are
     * ignored, the layers' shapes are the widths).
     */
    public VariationalNetwork(Architecture architecture, List<? extends VariationalLayer> layers) {
        if (layers.isEmpty() || layers.size() != architecture.layerCount()) {
            throw new IllegalArgumentException("the architecture has " + architecture.layerCount() + " layers, got "
                    + layers.size());
        }
        this.structure = architecture;
        this.layers = new ArrayList<>(layers);
        Architecture current = architecture();
        LayerDependencies dependencies = current.dependencies();
        for (int l = 0; l < layers.size(); l++) {
            VariationalLayer layer = layers.get(l);
            LayerSpec spec = current.layer(l);
            long[] shape = layer.weightMean().shape();
            long[] expected = current.weightShape(l);
            if (shape.length != expected.length) {
                throw new IllegalArgumentException("layer " + l + " must be " + spec.kind() + ", got "
                        + layer.getClass().getSimpleName());
            }
            int source = l - spec.wiring().source();
            if (layer.fanIn() != current.fanIn(l)) {
                String what = source < 0 ? "the input has " + current.input().features() : "layer " + source + " has "
                        + layers.get(source).units() + " units";
                throw new IllegalArgumentException("layer " + l + " has " + shape[shape.length - 2] + " inputs but " + what);
            }
            if ((layer.norm() != null) != spec.batchNorm()) {
                throw new IllegalArgumentException("layer " + l + (layer.norm() == null ? " has no" : " has a")
                        + " batch normalisation, the architecture's " + spec);
            }
            if (layer.gated() && dependencies.gateHolder(l) != l) {
                throw new IllegalArgumentException("layer " + l + " has gates of its own, but its channels share layer "
                        + dependencies.gateHolder(l) + "'s");
            }
            if (!Arrays.equals(shape, expected)) {
                throw new IllegalArgumentException("layer " + l + " has weights " + Arrays.toString(shape)
                        + ", the architecture " + spec + " needs " + Arrays.toString(expected));
            }
        }
        if (layers.get(layers.size() - 1).gated()) {
            throw new IllegalArgumentException("the output layer cannot be gated: its units are the classes");
        }
    }

    /**
     * A fresh network for {@code architecture}. Weight means are He-normal ({@code N(0, 2 / fanIn)}, suited to ReLU),
     * weight standard deviations all {@code initialSigma}, biases 0, gates {@code initialGate} on every layer but the
     * output.
     *
     * @throws IllegalArgumentException on {@code initialSigma <= 0} or a gate outside (0, 1]
     */
    public static VariationalNetwork initialize(Architecture architecture, double initialSigma, double initialGate,
                                                long seed) {
        return initialize(architecture, InitialPosterior.absolute(initialSigma), initialGate, seed);
    }

    /**
     * A fresh network for {@code architecture} whose weight posterior starts at {@code posterior}, with biases 0 and
     * gates {@code initialGate} on every layer but the output.
     *
     * @throws IllegalArgumentException on a gate outside (0, 1]
     */
    public static VariationalNetwork initialize(Architecture architecture, InitialPosterior posterior,
                                                double initialGate, long seed) {
        return new VariationalNetwork(architecture, initialLayers(architecture, posterior, initialGate, seed));
    }

    static List<VariationalLayer> initialLayers(Architecture architecture, InitialPosterior posterior,
                                                double initialGate, long seed) {
        if (!(initialGate > 0 && initialGate <= 1)) {
            throw new IllegalArgumentException("initial gate probability must be in (0, 1], got " + initialGate);
        }
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        LayerDependencies dependencies = architecture.dependencies();
        List<VariationalLayer> layers = new ArrayList<>();
        for (int l = 0; l < architecture.layerCount(); l++) {
            LayerSpec spec = architecture.layer(l);
            int fanIn = architecture.fanIn(l);
            int out = spec.units();
            long[] shape = architecture.weightShape(l);
            INDArray mean = Nd4j.randn(random, shape).castTo(DataType.FLOAT).muli(posterior.meanStd(fanIn));
            INDArray logVariance = Nd4j.valueArrayOf(shape, 2 * Math.log(posterior.sigma(fanIn)), DataType.FLOAT);
            INDArray bias = Nd4j.zeros(DataType.FLOAT, 1, out);
            INDArray gate = l < architecture.layerCount() - 1 && dependencies.gateHolder(l) == l
                    ? Nd4j.valueArrayOf(new long[] {1, out}, initialGate, DataType.FLOAT) : null;
            layers.add(spec.type().variationalLayer(mean, logVariance, bias, gate,
                    spec.batchNorm() ? BatchNormState.initial(out) : null));
        }
        return layers;
    }

    /** Number of weight layers. */
    public int layerCount() {
        return layers.size();
    }

    /** Layer {@code l}'s parameters (live arrays, updated in place by training). */
    public VariationalLayer layer(int l) {
        return layers.get(l);
    }

    /** The architecture at the current widths. */
    public Architecture architecture() {
        return structure.withUnits(layers.stream().mapToInt(VariationalLayer::units).toArray());
    }

    /** Current widths {@code n_0, ..., n_L}: input features, units or filters per layer, classes last. */
    public int[] widths() {
        int[] widths = new int[layers.size() + 1];
        widths[0] = structure.input().features();
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

    /**
     * Shape of the Gaussian noise {@code eps} of layer {@code l} for a batch: {@code [batch, n]} for a dense layer,
     * {@code [batch, C, H, W]} of the convolution output (before pooling) for a conv layer.
     */
    public long[] noiseShape(int l, int batch) {
        Architecture current = architecture();
        return current.layer(l).type().batchShape(current.preActivationShape(l), batch);
    }

    /**
     * Keeps only units {@code kept} of hidden layer {@code l}, of every layer coupled with it, and what they fed in the
     * layers that read them ({@link LayerDependencies}: layer {@code l+1} in a chain).
     *
     * @return per consumer (a layer reading a layer that lost units), the inputs it kept (rows of a dense layer, input
     *         channels of a convolution), in increasing consumer order
     */
    public java.util.SortedMap<Integer, long[]> keepUnits(int l, long[] kept) {
        if (l < 0 || l >= layers.size() - 1) {
            throw new IllegalArgumentException("only hidden layers 0.." + (layers.size() - 2) + " can lose units, got " + l);
        }
        if (kept.length == 0) {
            throw new IllegalArgumentException("cannot remove every unit of layer " + l + ": the network would be cut");
        }
        LayerDependencies dependencies = architecture().dependencies();
        java.util.SortedMap<Integer, long[]> consumerInputs = new java.util.TreeMap<>();
        List<Integer> group = dependencies.coupled(l);
        for (int member : group) {
            for (int consumer : dependencies.consumers(member)) {
                long[] inputs = dependencies.inputsFedBy(member, consumer, kept);
                layers.set(consumer, layers.get(consumer).keepInputs(inputs));
                consumerInputs.put(consumer, inputs);
            }
        }
        for (int member : group) {
            layers.set(member, layers.get(member).keepUnits(kept));
        }
        return consumerInputs;
    }

    /**
     * The deterministic network the variational one stands for once every gate is decided: units with
     * {@code theta_j >= 0.5} are kept ({@code z_j = 1}), the others removed; weights are the posterior means.
     * A layer whose gates are all below 0.5 keeps its single most probable unit, so the output stays connected.
     */
    public DeterministicNetwork toDeterministic() {
        return decided().folded();
    }

    /**
     * {@link #toDeterministic()} before its batch normalisations are folded into their convolutions: the decided network
     * with each normalisation explicit, at its inference statistics (for a network without any, the same network).
     */
    public DeterministicNetwork decided() {
        VariationalNetwork decided = new VariationalNetwork(structure, layers);
        for (int l = 0; l < layers.size() - 1; l++) {
            if (decided.layer(l).gated()) {
                decided.keepUnits(l, openUnits(decided.layer(l).gate()));
            }
        }
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        List<BatchNormState> norms = new ArrayList<>();
        for (VariationalLayer layer : decided.layers) {
            weights.add(layer.weightMean());
            biases.add(layer.bias().reshape(layer.bias().length()));
            norms.add(layer.norm());
        }
        return structure.hasBatchNorm() ? new DeterministicConvNet(decided.architecture(), weights, biases, norms)
                : DeterministicNetwork.of(decided.architecture(), weights, biases);
    }

    /** The units {@link #toDeterministic()} keeps of hidden layer {@code l}: its open units (those of its group's gate). */
    public long[] decidedUnits(int l) {
        return openUnits(layers.get(structure.dependencies().gateHolder(l)).gate());
    }

    /** Units with {@code theta >= 0.5}; if there are none, the single most probable unit, so a path remains. */
    private static long[] openUnits(INDArray gate) {
        float[] theta = gate.toFloatVector();
        long[] open = IntStream.range(0, theta.length).filter(j -> theta[j] >= 0.5f).mapToLong(j -> j).toArray();
        if (open.length > 0) {
            return open;
        }
        return new long[] {IntStream.range(0, theta.length).reduce((a, b) -> theta[a] >= theta[b] ? a : b).getAsInt()};
    }
}
