package org.parsimony.pruning.policy;

import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.criteria.sipp.SippWeightPruner;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.Objects;

/**
 * A weight-level (unstructured) pruning method of one trained network: for a fraction {@code r} of its weights, the
 * network with those weights set to 0 and the mask that says which. Criteria rank the weights and mask the lowest
 * ({@link #ranked}); SiPP allocates its own budget, samples and reweights ({@link #sipp}). Both are one-shot and seeded,
 * so the same ratio gives the same network.
 */
public interface WeightPruningMethod {

    /** The name results are reported under. */
    String name();

    /**
     * The network with a fraction {@code ratio} of its weights removed.
     *
     * @throws IllegalArgumentException if {@code ratio} is outside [0, 1]
     */
    Pruned prune(double ratio);

    /**
     * A pruned network and its mask.
     *
     * @param network the pruned network (masked weights 0; SiPP's kept weights reweighted)
     * @param mask    which weights are kept
     */
    record Pruned(DeterministicMlp network, WeightMask mask) {
        /** @throws NullPointerException if either is null */
        public Pruned {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(mask, "mask");
        }
    }

    /** {@code network}'s weights ranked by {@code criterion} on {@code statistics} and the lowest masked ({@link WeightRatioPolicy}). */
    static WeightPruningMethod ranked(String name, PruningCriterion criterion, RatioScope scope, DeterministicMlp network,
                                      PosteriorStatistics statistics) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(statistics, "statistics");
        if (!java.util.Arrays.equals(network.widths(), statistics.widths())) {
            throw new IllegalArgumentException("statistics describe widths " + java.util.Arrays.toString(statistics.widths())
                    + ", network has " + java.util.Arrays.toString(network.widths()));
        }
        return new NamedWeightPruning(name, ratio -> {
            WeightMask mask = new WeightRatioPolicy(criterion, ratio, scope).select(statistics);
            return new Pruned(mask.apply(network), mask);
        });
    }

    /** SiPP (Baykal et al.) through its own allocation of the sample budget, importance sampling seeded by {@code seed}. */
    static WeightPruningMethod sipp(String name, SippWeightPruner pruner, long seed) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pruner, "pruner");
        return new NamedWeightPruning(name, ratio -> {
            var result = pruner.prune(ratio, seed);
            return new Pruned(result.network(), result.mask());
        });
    }
}
