package org.parsimony.variational.network;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The pruning dependency graph of an {@link Architecture}: which layers read each layer's output, and which of their
 * inputs (and weight rows) each of its units or filters feeds, as Torch-Pruning's {@code DependencyGraph} (Fang et al.
 * 2023, <i>DepGraph: Towards Any Structural Pruning</i>) records for a PyTorch model. Removing units of a layer is then
 * one rule for every network: keep the units in the layer and, in each consumer, the inputs
 * {@link #inputsFedBy} names; the consumer's {@link LayerType} says what they are (input channels of a convolution,
 * rows of a dense layer, the {@code H W} rows per channel of the dense layer after the flatten).
 *
 * <p>A chain's layer {@code l} feeds {@code l+1} alone. In a residual network ({@link LayerWiring}) a layer also feeds
 * the layers that read it from further on, and an addition {@code h_l = act(a_l + h_r)} couples channel {@code j} of
 * layer {@code l} with channel {@code j} of layer {@code r}: the two are one channel of the residual stream, and
 * removing it from one term but not the other would change the sum. The coupled layers form groups (DepGraph's
 * groups: the closure of the additions), every group shares one gate vector, held by its first layer
 * ({@link #gateHolder}), and a channel is removed from all of its layers at once, with what each of their consumers
 * reads of it. In a CIFAR ResNet a stage's group is the layer that opens its stream (the first convolution, or the
 * shortcut projection), and the second convolution of each of its blocks; the first convolution of a block is a group
 * of its own.
 *
 * @param architecture the layer structure, at its widths
 */
public record LayerDependencies(Architecture architecture) {

    /** The layers that read layer {@code l}'s output through their weights: {@code l+1} in a chain, none for the output layer. */
    public List<Integer> consumers(int l) {
        List<Integer> consumers = new ArrayList<>();
        for (int m = l + 1; m < architecture.layerCount(); m++) {
            if (m - architecture.layer(m).wiring().source() == l) {
                consumers.add(m);
            }
        }
        return consumers;
    }

    /**
     * The layers whose channels are coupled with layer {@code l}'s by additions (itself included), in increasing order:
     * {@code [l]} in a chain.
     */
    public List<Integer> coupled(int l) {
        int[] group = groups();
        return IntStream.range(0, group.length).filter(m -> group[m] == group[l]).boxed().toList();
    }

    /** The layer that holds the gates of layer {@code l}'s channels: the first layer {@link #coupled} with it. */
    public int gateHolder(int l) {
        return groups()[l];
    }

    /** Per layer the first layer of its coupled group (union of every addition's two terms). */
    private int[] groups() {
        int[] group = IntStream.range(0, architecture.layerCount()).toArray();
        for (int m = 0; m < group.length; m++) {
            int shortcut = architecture.layer(m).wiring().shortcut();
            if (shortcut > 0) {
                int a = root(group, m);
                int b = root(group, m - shortcut);
                group[Math.max(a, b)] = Math.min(a, b);
            }
        }
        for (int m = 0; m < group.length; m++) {
            group[m] = root(group, m);
        }
        return group;
    }

    private static int root(int[] group, int m) {
        while (group[m] != m) {
            m = group[m];
        }
        return m;
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
