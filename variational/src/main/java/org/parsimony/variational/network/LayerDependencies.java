package org.parsimony.variational.network;

import java.util.List;

/**
 * The pruning dependency graph of an {@link Architecture}: which layers read each layer's output, and which of their
 * inputs (and weight rows) each of its units or filters feeds, as Torch-Pruning's {@code DependencyGraph} (Fang et al.
 * 2023, <i>DepGraph: Towards Any Structural Pruning</i>) records for a PyTorch model. Removing units of a layer is then
 * one rule for every network: keep the units in the layer and, in each consumer, the inputs
 * {@link #inputsFedBy} names; the consumer's {@link LayerType} says what they are (input channels of a convolution,
 * rows of a dense layer, the {@code H W} rows per channel of the dense layer after the flatten).
 *
 * <p>The layers of today's architectures form a chain (layer {@code l} feeds {@code l+1} only); a residual block
 * would add an edge, and the channels its addition couples would be removed together.
 *
 * @param architecture the layer structure, at its widths
 */
public record LayerDependencies(Architecture architecture) {

    /** The layers that read layer {@code l}'s output: {@code l+1} in a chain, none for the output layer. */
    public List<Integer> consumers(int l) {
        return l + 1 < architecture.layerCount() ? List.of(l + 1) : List.of();
    }

    /**
     * The inputs of {@code consumer} fed by units {@code kept} of {@code producer}.
     *
     * @throws IllegalArgumentException if {@code consumer} does not read {@code producer}
     */
    public long[] inputsFedBy(int producer, int consumer, long[] kept) {
        requireEdge(producer, consumer);
        return architecture.layer(consumer).type().inputsFedBy(kept, architecture.outputShape(producer));
    }

    /**
     * Rows of {@code consumer}'s {@code [fanIn, units]} weight-column matrix fed by units {@code kept} of
     * {@code producer} ({@link #inputsFedBy} mapped by {@link LayerType#weightRowsOf}).
     *
     * @throws IllegalArgumentException if {@code consumer} does not read {@code producer}
     */
    public long[] weightRowsFedBy(int producer, int consumer, long[] kept) {
        LayerSpec spec = architecture.layer(consumer);
        return spec.type().weightRowsOf(spec, inputsFedBy(producer, consumer, kept),
                architecture.layer(producer).units());
    }

    private void requireEdge(int producer, int consumer) {
        if (!consumers(producer).contains(consumer)) {
            throw new IllegalArgumentException("layer " + consumer + " does not read layer " + producer + " in "
                    + architecture);
        }
    }
}
