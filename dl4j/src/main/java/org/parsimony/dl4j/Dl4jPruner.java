package org.parsimony.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.policy.UnitRatioPolicy;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * Structured pruning of a user's DL4J {@code MultiLayerNetwork}: each {@link UnitGroup} of its
 * {@link DependencyGraph} keeps {@code max(1, n - round(r n))} units, those the criterion scores highest
 * ({@link UnitRatioPolicy}, layer-wise), and {@link Dl4jSurgery} cuts the rest.
 *
 * <pre>{@code
 * DependencyGraph graph = DependencyGraph.of(net);
 * PseudoBootstrapListener listener = new PseudoBootstrapListener(graph, 50);
 * net.addListeners(listener);
 * net.fit(trainIterator);                                   // the user's own training loop
 * Dl4jPruning pruning = new Dl4jPruner(new MagnitudeUncertaintyCriterion(), 0.5)
 *         .prune(net, graph, GroupStatistics.fromPseudoBootstrap(net, listener));
 * pruning.network().fit(trainIterator);                     // fine-tune with the same updater
 * }</pre>
 *
 * <p>A {@link RandomCriterion} with seed {@code s} scores group {@code g} with seed {@code s + g}, so groups draw
 * independent subsets.
 */
public final class Dl4jPruner {
    private final PruningCriterion criterion;
    private final double ratio;

    /** @throws IllegalArgumentException unless {@code 0 <= ratio < 1} */
    public Dl4jPruner(PruningCriterion criterion, double ratio) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("the pruning ratio must be in [0, 1), got " + ratio);
        }
        this.criterion = java.util.Objects.requireNonNull(criterion, "criterion");
        this.ratio = ratio;
    }

    /**
     * Which units of each group to keep, from one statistics per group ({@link GroupStatistics}).
     *
     * @throws IllegalArgumentException if the graph has no prunable group or {@code statistics} do not fit it
     */
    public List<long[]> select(DependencyGraph graph, List<PosteriorStatistics> statistics) {
        if (graph.size() == 0) {
            throw new IllegalArgumentException("the network has no prunable dense units or conv filters"
                    + (graph.skipped().isEmpty() ? "" : ": " + String.join("; ", graph.skipped())));
        }
        if (statistics.size() != graph.size()) {
            throw new IllegalArgumentException("need statistics for each of the " + graph.size() + " groups, got " + statistics.size());
        }
        List<long[]> kept = new ArrayList<>();
        for (int g = 0; g < graph.size(); g++) {
            PruningCriterion scoring = criterion instanceof RandomCriterion random ? new RandomCriterion(random.seed() + g) : criterion;
            kept.add(new UnitRatioPolicy(scoring, ratio, RatioScope.LAYER_WISE).select(statistics.get(g)).kept(0));
        }
        return kept;
    }

    /**
     * Selects and cuts.
     *
     * @throws IllegalArgumentException if the graph has no prunable group or does not fit the network
     */
    public Dl4jPruning prune(MultiLayerNetwork network, DependencyGraph graph, List<PosteriorStatistics> statistics) {
        List<long[]> kept = select(graph, statistics);
        MultiLayerNetwork pruned = Dl4jSurgery.keep(network, graph, kept);
        return new Dl4jPruning(pruned, graph, kept);
    }
}
