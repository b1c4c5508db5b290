package org.parsimony.variational.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain deterministic convolutional network laid out by an {@link Architecture}: per conv layer
 * {@code h = pool?(relu(bn?(conv(h, W) + b) + shortcut?))} (max or global average pooling; a residual network's layers
 * read and add the layers their {@link LayerWiring} names, a shortcut projection has no ReLU), then the NCHW flatten,
 * then dense ReLU layers and linear logits.
 * What a trained variational conv net becomes once every gate is decided; its batch normalisations, at their inference
 * statistics, fold into the convolutions ({@link #folded()}), which is how it is delivered and stored.
 */
public final class DeterministicConvNet implements DeterministicNetwork {
    private final Architecture architecture;
    private final List<INDArray> weights;
    private final List<INDArray> biases;
    private final List<BatchNormState> norms;

    /**
     * @param architecture the layer structure, at the widths of {@code weights}
     * @param weights      per layer a {@code [kH, kW, C_in, C_out]} kernel or a {@code [n_in, n]} matrix
     * @param biases       per layer a vector of length {@code C_out} or {@code n}
     * @throws IllegalArgumentException if a shape differs from the architecture's or a value is not finite
     */
    public DeterministicConvNet(Architecture architecture, List<INDArray> weights, List<INDArray> biases) {
        this(architecture.withBatchNorm(false), weights, biases, java.util.Collections.nCopies(weights.size(), null));
    }

    /**
     * A network whose layers {@code l} with {@code architecture.layer(l).batchNorm()} normalise their convolution's output
     * by {@code norms.get(l)} (the other entries null).
     *
     * @throws IllegalArgumentException if a shape differs from the architecture's, a value is not finite, or a
     *                                  normalisation is missing, extra or of another width
     */
    public DeterministicConvNet(Architecture architecture, List<INDArray> weights, List<INDArray> biases,
                                List<BatchNormState> norms) {
        if (weights.size() != architecture.layerCount() || biases.size() != architecture.layerCount()) {
            throw new IllegalArgumentException("the architecture has " + architecture.layerCount() + " layers, got "
                    + weights.size() + " weights and " + biases.size() + " biases");
        }
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        List<BatchNormState> n = new ArrayList<>();
        if (norms.size() != weights.size()) {
            throw new IllegalArgumentException("need one batch-norm entry (or null) per layer, got " + norms.size());
        }
        for (int l = 0; l < weights.size(); l++) {
            LayerSpec spec = architecture.layer(l);
            long[] expected = architecture.weightShape(l);
            if (!Arrays.equals(expected, weights.get(l).shape()) || biases.get(l).length() != spec.units()) {
                throw new IllegalArgumentException("layer " + l + " needs weights " + Arrays.toString(expected)
                        + " and " + spec.units() + " biases, got " + Arrays.toString(weights.get(l).shape()) + " and "
                        + biases.get(l).length());
            }
            DeterministicNetwork.requireFinite(l, weights.get(l), biases.get(l));
            w.add(weights.get(l).castTo(DataType.FLOAT).dup());
            b.add(biases.get(l).castTo(DataType.FLOAT).reshape(biases.get(l).length()).dup());
            BatchNormState norm = norms.get(l);
            if ((norm != null) != spec.batchNorm() || (norm != null && norm.units() != spec.units())) {
                throw new IllegalArgumentException("layer " + l + " (" + spec + ") needs " + (spec.batchNorm()
                        ? "a batch normalisation of " + spec.units() + " filters" : "no batch normalisation"));
            }
            n.add(norm == null ? null : norm.copy());
        }
        this.architecture = architecture;
        this.weights = List.copyOf(w);
        this.biases = List.copyOf(b);
        this.norms = java.util.Collections.unmodifiableList(n);
    }

    /**
     * The same function without batch normalisations: each folded into its convolution's kernel and bias
     * ({@link BatchNormState#fold}). This network itself when it has none.
     */
    @Override
    public DeterministicConvNet folded() {
        if (!architecture.hasBatchNorm()) {
            return this;
        }
        List<INDArray> w = new ArrayList<>(weights);
        List<INDArray> b = new ArrayList<>(biases);
        for (int l = 0; l < weights.size(); l++) {
            if (norms.get(l) != null) {
                INDArray[] folded = norms.get(l).fold(weights.get(l), biases.get(l));
                w.set(l, folded[0]);
                b.set(l, folded[1]);
            }
        }
        return new DeterministicConvNet(architecture.withBatchNorm(false), w, b);
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public int layerCount() {
        return weights.size();
    }

    @Override
    public int[] widths() {
        return architecture.widths();
    }

    @Override
    public INDArray weight(int l) {
        return weights.get(l).dup();
    }

    @Override
    public INDArray bias(int l) {
        return biases.get(l).dup();
    }

    @Override
    public ConvNetComplexity complexity() {
        return new ConvNetComplexity(architecture);
    }

    /** Frees the native memory of the weights and biases now (the constructor copied them); do not use the network afterwards. */
    @Override
    public void close() {
        weights.forEach(INDArray::close);
        biases.forEach(INDArray::close);
    }

    @Override
    public INDArray logits(INDArray inputs) {
        return forward(inputs, null);
    }

    /**
     * The logits with every batch normalisation in training mode, normalising by the batch's own per-channel mean and
     * population variance, which are added to {@code statistics} ({@code {mean [C], variance [C]}} per normalised layer,
     * in layer order): how the inference statistics are estimated.
     */
    public INDArray logitsWithBatchStatistics(INDArray inputs, List<INDArray[]> statistics) {
        return forward(inputs, java.util.Objects.requireNonNull(statistics));
    }

    private INDArray forward(INDArray inputs, List<INDArray[]> batchStatistics) {
        ImageShape in = architecture.input();
        if (inputs.rank() != 2 || inputs.size(1) != in.features()) {
            throw new IllegalArgumentException("inputs must have shape [batch, " + in.features() + "], got "
                    + Arrays.toString(inputs.shape()));
        }
        INDArray x = inputs.castTo(DataType.FLOAT);
        INDArray[] outputs = new INDArray[weights.size()];
        INDArray h = x;
        for (int l = 0; l < weights.size(); l++) {
            LayerSpec spec = architecture.layer(l);
            int source = l - spec.wiring().source();
            h = spec.type().layout(source < 0 ? x : outputs[source], architecture.inputShape(l));
            h = spec.type().linear(h, weights.get(l), biases.get(l), spec);
            BatchNormState norm = norms.get(l);
            if (norm != null && batchStatistics == null) {
                h = norm.normalize(h);
            } else if (norm != null) {
                INDArray mean = h.mean(0, 2, 3);
                INDArray variance = h.var(false, 0, 2, 3);
                batchStatistics.add(new INDArray[] {mean, variance});
                h = norm.normalize(h, mean, variance);
            }
            if (spec.wiring().shortcut() > 0) {
                h = h.addi(outputs[l - spec.wiring().shortcut()]);
            }
            if (l < weights.size() - 1 && spec.activated()) {
                h = Transforms.relu(h, false);
            }
            if (spec.pool()) {
                h = Nd4j.cnn().maxPooling2d(h, ConvolutionSettings.maxPooling());
            }
            if (spec.globalPool()) {
                h = h.mean(true, 2, 3);
            }
            outputs[l] = h;
        }
        return h;
    }
}
