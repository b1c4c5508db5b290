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
 * {@code h = maxpool?(relu(conv(h, W) + b))}, then the NCHW flatten, then dense ReLU layers and linear logits.
 * What a trained variational conv net becomes once every gate is decided.
 */
public final class DeterministicConvNet implements DeterministicNetwork {
    private final Architecture architecture;
    private final List<INDArray> weights;
    private final List<INDArray> biases;

    /**
     * @param architecture the layer structure, at the widths of {@code weights}
     * @param weights      per layer a {@code [kH, kW, C_in, C_out]} kernel or a {@code [n_in, n]} matrix
     * @param biases       per layer a vector of length {@code C_out} or {@code n}
     * @throws IllegalArgumentException if a shape differs from the architecture's or a value is not finite
     */
    public DeterministicConvNet(Architecture architecture, List<INDArray> weights, List<INDArray> biases) {
        if (weights.size() != architecture.layerCount() || biases.size() != architecture.layerCount()) {
            throw new IllegalArgumentException("the architecture has " + architecture.layerCount() + " layers, got "
                    + weights.size() + " weights and " + biases.size() + " biases");
        }
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            LayerSpec spec = architecture.layer(l);
            long[] expected = spec.isConv()
                    ? new long[] {spec.kernel(), spec.kernel(), architecture.inputShape(l).channels(), spec.units()}
                    : new long[] {architecture.fanIn(l), spec.units()};
            if (!Arrays.equals(expected, weights.get(l).shape()) || biases.get(l).length() != spec.units()) {
                throw new IllegalArgumentException("layer " + l + " needs weights " + Arrays.toString(expected)
                        + " and " + spec.units() + " biases, got " + Arrays.toString(weights.get(l).shape()) + " and "
                        + biases.get(l).length());
            }
            DeterministicNetwork.requireFinite(l, weights.get(l), biases.get(l));
            w.add(weights.get(l).castTo(DataType.FLOAT).dup());
            b.add(biases.get(l).castTo(DataType.FLOAT).reshape(biases.get(l).length()).dup());
        }
        this.architecture = architecture;
        this.weights = List.copyOf(w);
        this.biases = List.copyOf(b);
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

    @Override
    public INDArray logits(INDArray inputs) {
        ImageShape in = architecture.input();
        if (inputs.rank() != 2 || inputs.size(1) != in.features()) {
            throw new IllegalArgumentException("inputs must have shape [batch, " + in.features() + "], got "
                    + Arrays.toString(inputs.shape()));
        }
        INDArray h = inputs.castTo(DataType.FLOAT);
        if (architecture.layer(0).isConv()) {
            h = h.reshape('c', h.size(0), in.channels(), in.height(), in.width());
        }
        for (int l = 0; l < weights.size(); l++) {
            LayerSpec spec = architecture.layer(l);
            if (spec.isConv()) {
                h = Transforms.relu(Nd4j.cnn().conv2d(h, weights.get(l), biases.get(l),
                        ConvolutionSettings.convolution(spec)), false);
                if (spec.pool()) {
                    h = Nd4j.cnn().maxPooling2d(h, ConvolutionSettings.maxPooling());
                }
                continue;
            }
            if (h.rank() != 2) {
                h = h.dup('c').reshape('c', h.size(0), architecture.fanIn(l));
            }
            h = AffineMap.apply(h, weights.get(l), biases.get(l));
            if (l < weights.size() - 1) {
                h = Transforms.relu(h, false);
            }
        }
        return h;
    }
}
