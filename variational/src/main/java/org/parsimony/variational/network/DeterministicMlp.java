package org.parsimony.variational.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.variational.data.LabeledData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A plain deterministic multilayer perceptron: {@code h_l = relu(h_{l-1} W_l + b_l)} for hidden layers and
 * logits {@code h_{L-1} W_L + b_L}. This is what a trained variational network becomes once every gate is
 * 0 or 1 (closed units removed, open ones kept with their posterior means), and what surgery produces.
 */
public final class DeterministicMlp implements DeterministicNetwork {
    private final List<INDArray> weights;
    private final List<INDArray> biases;

    /**
     * @param weights per layer a {@code [n_{l-1}, n_l]} matrix
     * @param biases  per layer a vector of length {@code n_l}
     * @throws IllegalArgumentException if the shapes do not chain or a value is not finite
     */
    public DeterministicMlp(List<INDArray> weights, List<INDArray> biases) {
        if (weights.isEmpty() || weights.size() != biases.size()) {
            throw new IllegalArgumentException("need one bias per weight matrix and at least one layer, got "
                    + weights.size() + " weights and " + biases.size() + " biases");
        }
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            INDArray wl = weights.get(l);
            INDArray bl = biases.get(l);
            if (wl.rank() != 2) {
                throw new IllegalArgumentException("weight " + l + " must be a matrix, shape " + Arrays.toString(wl.shape()));
            }
            if (bl.length() != wl.size(1)) {
                throw new IllegalArgumentException("bias " + l + " has " + bl.length() + " entries, layer has " + wl.size(1) + " units");
            }
            if (l > 0 && wl.size(0) != weights.get(l - 1).size(1)) {
                throw new IllegalArgumentException("weight " + l + " expects " + wl.size(0) + " inputs but layer "
                        + (l - 1) + " has " + weights.get(l - 1).size(1) + " units");
            }
            DeterministicNetwork.requireFinite(l, wl, bl);
            w.add(wl.castTo(DataType.FLOAT).dup());
            b.add(bl.castTo(DataType.FLOAT).reshape(1, bl.length()).dup());
        }
        this.weights = List.copyOf(w);
        this.biases = List.copyOf(b);
    }

    /** The MLP architecture {@code n_0 -> hidden... -> n_L}. */
    @Override
    public Optional<DeterministicMlp> denseFastPath() {
        return Optional.of(this);
    }

    @Override
    public Architecture architecture() {
        int[] widths = widths();
        return Architecture.mlp(widths[0], Arrays.copyOfRange(widths, 1, widths.length - 1), widths[widths.length - 1]);
    }

    /** Number of layers with weights. */
    @Override
    public int layerCount() {
        return weights.size();
    }

    /** Widths {@code n_0, ..., n_L}, inputs first. */
    @Override
    public int[] widths() {
        int[] widths = new int[weights.size() + 1];
        widths[0] = (int) weights.get(0).size(0);
        for (int l = 0; l < weights.size(); l++) {
            widths[l + 1] = (int) weights.get(l).size(1);
        }
        return widths;
    }

    /** Exact parameter and multiply-add counts. */
    @Override
    public DenseComplexity complexity() {
        return new DenseComplexity(widths());
    }

    /** A copy of layer {@code l}'s weight matrix. */
    @Override
    public INDArray weight(int l) {
        return weights.get(l).dup();
    }

    /** A copy of layer {@code l}'s bias as a vector. */
    @Override
    public INDArray bias(int l) {
        return biases.get(l).reshape(biases.get(l).length()).dup();
    }

    /** Logits {@code [batch, classes]} for inputs {@code [batch, n_0]}. */
    @Override
    public INDArray logits(INDArray inputs) {
        if (inputs.rank() != 2 || inputs.size(1) != weights.get(0).size(0)) {
            throw new IllegalArgumentException("inputs must have shape [batch, " + weights.get(0).size(0)
                    + "], got " + Arrays.toString(inputs.shape()));
        }
        INDArray h = inputs.castTo(DataType.FLOAT);
        for (int l = 0; l < weights.size(); l++) {
            h = AffineMap.apply(h, weights.get(l), biases.get(l));
            if (l < weights.size() - 1) {
                h = Transforms.relu(h, false);
            }
        }
        return h;
    }

    /**
     * Frees the native memory of this network's arrays now, rather than when the garbage collector finds their Java
     * wrappers (with a large heap, seldom): for a network no longer needed, such as a pruning round's intermediate.
     * The network must not be used afterwards. It owns its arrays (the constructor copies them), so no other object
     * loses any.
     */
    @Override
    public void close() {
        weights.forEach(INDArray::close);
        biases.forEach(INDArray::close);
    }

    /** Whether {@link #close} freed this network's arrays. */
    public boolean isClosed() {
        return weights.get(0).wasClosed();
    }

    /** Fraction of {@code data} whose arg-max logit equals the label. */
    @Override
    public double accuracy(LabeledData data) {
        return BatchEvaluation.accuracy(this::logits, data);
    }
}
