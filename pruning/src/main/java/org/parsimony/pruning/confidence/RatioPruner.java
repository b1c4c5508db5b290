package org.parsimony.pruning.confidence;

import org.parsimony.variational.network.DeterministicMlp;

/**
 * Any criterion and policy producing a pruned network for a pruning ratio, for example
 * {@code r -> WeightPruningSchedule.toRatio(criterion, r, RatioScope.GLOBAL, 1).run(dense, statistics, null).network()}
 * or {@code r -> sippPruner.prune(r, seed).network()}. It must not look at the calibration data (the
 * guarantee of {@link ConfidentPruning} needs the pruned networks fixed before the calibration draw; a
 * data-informed criterion such as SiPP must take its batch from the training data), and should be
 * deterministic (seeded) so the certified ratio can be pruned again.
 */
@FunctionalInterface
public interface RatioPruner {

    /** The network pruned at {@code ratio} in [0, 1]. */
    DeterministicMlp prune(double ratio);
}
