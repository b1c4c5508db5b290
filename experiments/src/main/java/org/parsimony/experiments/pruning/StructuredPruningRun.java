package org.parsimony.experiments.pruning;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.PruningOutcome;
import org.parsimony.pruning.policy.PruningSchedule;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.stream.IntStream;

/**
 * Prunes one network structurally with one criterion to one ratio and measures it: surgery, accuracy before and
 * after an optional fine-tuning, exact parameter/FLOP counts and the measured inference time of the pruned network
 * next to the dense one. Every criterion of a comparison starts from the same dense network and statistics, and gets
 * the same fine-tuning budget (ShrinkBench's protocol, Blalock et al. 2020).
 */
public final class StructuredPruningRun {
    private static final int TIMING_REPEATS = 7;

    private final RatioScope scope;
    private final int rounds;
    private final FineTuneConfig fineTune;

    /**
     * @param scope    global (one threshold over all hidden layers) or layer-wise ratios
     * @param rounds   pruning rounds (1: one-shot; more: iterative, fine-tuning after each round)
     * @param fineTune the fine-tuning after each round ({@code epochs == 0}: none)
     */
    public StructuredPruningRun(RatioScope scope, int rounds, FineTuneConfig fineTune) {
        this.scope = scope;
        this.rounds = rounds;
        this.fineTune = fineTune;
    }

    /** The network {@code dense} becomes when {@code ratio} of its hidden units are removed, without fine-tuning. */
    public DeterministicMlp pruneOnly(DeterministicMlp dense, PosteriorStatistics statistics, CriterionName criterion,
                                      double ratio, long seed, LabeledData train) {
        return PruningSchedule.toRatio(criterion.create(seed, dense, train), ratio, scope, 1).run(dense, statistics, null)
                .network();
    }

    /** Prunes {@code dense} (described by {@code statistics}) to {@code ratio} of its hidden units. */
    public StructuredPruningResult run(DeterministicMlp dense, PosteriorStatistics statistics, CriterionName criterion,
                                       double ratio, long seed, LabeledData train, LabeledData test) {
        PruningSchedule schedule = PruningSchedule.toRatio(criterion.create(seed, dense, train), ratio, scope, rounds);
        PruningOutcome unTuned = schedule.run(dense, statistics, null);
        PruningOutcome outcome = unTuned;
        if (fineTune.epochs() > 0) {
            outcome = schedule.withFineTuning(fineTune.withSeed(seed))
                    .withPseudoBootstrap(criterion.needsUncertainty() && rounds > 1 ? 50 : 0)
                    .run(dense, statistics, train);
        }
        DeterministicMlp pruned = outcome.network();
        double unTunedAccuracy = unTuned.network().accuracy(test);
        if (outcome != unTuned) {
            unTuned.network().close();
            unTuned.statistics().close();
        }
        INDArray inputs = Minibatch.of(test, IntStream.range(0, test.size()).toArray(), 0, test.size()).features();
        double denseSeconds = InferenceTiming.medianSeconds(dense, inputs, TIMING_REPEATS);
        double prunedSeconds = InferenceTiming.medianSeconds(pruned, inputs, TIMING_REPEATS);
        inputs.close();
        return new StructuredPruningResult(criterion.name(), ratio, seed, dense.widths(), pruned.widths(),
                dense.complexity().parameters(), pruned.complexity().parameters(),
                dense.complexity().multiplyAdds(), pruned.complexity().multiplyAdds(),
                dense.accuracy(test), unTunedAccuracy, pruned.accuracy(test), fineTune.epochs(),
                denseSeconds, prunedSeconds);
    }
}
