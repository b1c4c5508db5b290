package org.parsimony.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/**
 * The outcome of {@link Dl4jPruner#prune}: the smaller network and, per group of the original's graph, the units kept.
 *
 * @param network the pruned network, ready for {@code fit}
 * @param graph   the original network's dependency graph
 * @param kept    sorted kept units of each group
 */
public record Dl4jPruning(MultiLayerNetwork network, DependencyGraph graph, List<long[]> kept) {

    public Dl4jPruning {
        kept = List.copyOf(kept);
    }

    /** Group sizes before pruning. */
    public int[] widthsBefore() {
        return graph.widths();
    }

    /** Group sizes after pruning. */
    public int[] widthsAfter() {
        return widths(kept);
    }

    /** The number of units kept in each group. */
    public static int[] widths(List<long[]> kept) {
        return kept.stream().mapToInt(k -> k.length).toArray();
    }

    /** Parameters of the pruned network. */
    public long parametersAfter() {
        return network.numParams();
    }
}
