package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.LabeledData;

import java.util.List;
import java.util.Optional;

/**
 * A plain deterministic classifier: what a trained variational network becomes once every gate is 0 or 1 (closed
 * units removed, open ones kept with their posterior means). Inputs are flat {@code [batch, n_0]}.
 */
public interface DeterministicNetwork {
    /**
     * The network of {@code architecture} with these parameters: a {@link DeterministicMlp} when every layer is dense,
     * otherwise a {@link DeterministicConvNet}.
     *
     * @throws IllegalArgumentException if a shape differs from the architecture's
     */
    static DeterministicNetwork of(Architecture architecture, List<INDArray> weights, List<INDArray> biases) {
        return architecture.supportsDenseFastPath() ? new DeterministicMlp(weights, biases)
                : new DeterministicConvNet(architecture, weights, biases);
    }

    /**
     * This network as the class of the dense fast path ({@link Architecture#supportsDenseFastPath()}), or empty for a
     * network that takes the general (graph) paths.
     */
    default Optional<DeterministicMlp> denseFastPath() {
        return Optional.empty();
    }

    /** The layer structure at this network's widths. */
    Architecture architecture();

    /** Number of layers with weights. */
    int layerCount();

    /** Widths {@code n_0, ..., n_L}: input features, units or filters per layer, classes last. */
    int[] widths();

    /** A copy of layer {@code l}'s weights ({@code [n_in, n]} or a {@code [kH, kW, C_in, C_out]} kernel). */
    INDArray weight(int l);

    /** A copy of layer {@code l}'s bias as a vector. */
    INDArray bias(int l);

    /** Exact parameter and multiply-add counts. */
    NetworkComplexity complexity();

    /** Logits {@code [batch, classes]} for inputs {@code [batch, n_0]}. */
    INDArray logits(INDArray inputs);

    /**
     * The same function with any batch normalisations folded into the layers they follow
     * ({@link BatchNormState#fold}); this network when it has none.
     */
    default DeterministicNetwork folded() {
        return this;
    }

    /**
     * Frees the native memory of this network's arrays now, rather than when the garbage collector finds their Java
     * wrappers: for a network no longer needed, such as a pruning round's intermediate. The network must not be used
     * afterwards.
     */
    void close();

    /** Fraction of {@code data} whose arg-max logit equals the label. */
    default double accuracy(LabeledData data) {
        return BatchEvaluation.accuracy(this::logits, data);
    }

    /**
     * Rejects a layer whose weights or biases hold NaN or an infinity: a network is built from them once and every later
     * number would be meaningless, so implementations check on construction.
     *
     * @throws IllegalArgumentException naming layer {@code l}
     */
    static void requireFinite(int l, INDArray weight, INDArray bias) {
        for (INDArray a : new INDArray[] {weight, bias}) {
            if (a.isInfinite().any() || a.isNaN().any()) {
                throw new IllegalArgumentException("layer " + l + " has a non-finite weight or bias");
            }
        }
    }
}
