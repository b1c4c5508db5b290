package org.parsimony.experiments.pruning;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.criteria.sipp.EmpiricalSensitivity;
import org.parsimony.pruning.criteria.sipp.SippWeightPruner;
import org.parsimony.pruning.criteria.sipp.SippWeightPruning;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.PruningOutcome;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.policy.RoundRatios;
import org.parsimony.pruning.policy.WeightPruningSchedule;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.SparsityReport;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Prunes one MLP weight by weight to one ratio, in one shot or in rounds, and measures it before and after
 * fine-tuning with the pruned weights held at 0. After round {@code t} of {@code T} a cumulative fraction
 * {@code r_t = 1 - (1 - r)^(t/T)} is pruned ({@link RoundRatios}, as {@code prune --rounds}), and each round's
 * criterion reads that round's network: a ranking criterion through {@link WeightPruningSchedule} (MU's
 * pseudo-bootstrap recorded during each fine-tuning), SiPP through {@link SippWeightPruner} with its sensitivities
 * recomputed on the same batch. "Before fine-tuning" is the same schedule run without any fine-tuning, as in
 * {@link org.parsimony.pruning.Pruner}.
 */
public final class WeightPruningRun {
    private final RatioScope scope;
    private final int rounds;
    private final FineTuneConfig fineTune;
    private final int bootstrapWindow;

    /**
     * @param scope           one ranking per layer or over the whole net (ranking criteria; SiPP allocates its own)
     * @param rounds          pruning rounds, >= 1
     * @param fineTune        the fine-tuning after each round ({@code epochs == 0}: none)
     * @param bootstrapWindow MU's pseudo-bootstrap window during fine-tuning between rounds
     */
    public WeightPruningRun(RatioScope scope, int rounds, FineTuneConfig fineTune, int bootstrapWindow) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
        this.scope = scope;
        this.rounds = rounds;
        this.fineTune = fineTune;
        this.bootstrapWindow = bootstrapWindow;
    }

    /**
     * Masks the fraction {@code ratio} of {@code dense}'s weights that {@code criterion} scores lowest; a data-informed
     * criterion scores every round's network from {@code batch} (null for the others).
     */
    public WeightPruningResult ranked(DeterministicMlp dense, PosteriorStatistics statistics, PruningCriterion criterion,
                                      INDArray batch, boolean needsUncertainty, double ratio, LabeledData train,
                                      LabeledData test) {
        WeightPruningSchedule schedule = WeightPruningSchedule.toRatio(criterion, ratio, scope, rounds).withBatch(batch);
        DeterministicMlp unTuned = schedule.run(dense, statistics, null).network();
        double before = unTuned.accuracy(test);
        if (fineTune.epochs() == 0) {
            return measure(before, unTuned, test);
        }
        unTuned.close();
        PruningOutcome<DeterministicMlp> outcome = schedule.withFineTuning(fineTune)
                .withPseudoBootstrap(needsUncertainty && rounds > 1 ? bootstrapWindow : 0).run(dense, statistics, train);
        return measure(before, outcome.network(), test);
    }

    /**
     * SiPP to {@code ratio} of all parameters: each round keeps {@code round((1 - r_t) P) - B} weights ({@code P}
     * weights and biases of the dense net, {@code B} its biases, which are never pruned), as torchprune counts a
     * network's size, with sensitivities of that round's network on {@code batch}; weights pruned in an earlier round
     * stay pruned.
     *
     * @param sensitivities told the sensitivities of every round, for tests and progress (may be null)
     */
    public WeightPruningResult sipp(DeterministicMlp dense, INDArray batch, double ratio, long seed, LabeledData train,
                                    LabeledData test, java.util.function.Consumer<EmpiricalSensitivity> sensitivities) {
        DeterministicMlp unTuned = sippRounds(dense, batch, ratio, seed, null, sensitivities);
        double before = unTuned.accuracy(test);
        if (fineTune.epochs() == 0) {
            return measure(before, unTuned, test);
        }
        unTuned.close();
        return measure(before, sippRounds(dense, batch, ratio, seed, train, sensitivities), test);
    }

    private DeterministicMlp sippRounds(DeterministicMlp dense, INDArray batch, double ratio, long seed, LabeledData train,
                                        java.util.function.Consumer<EmpiricalSensitivity> sensitivities) {
        long parameters = dense.complexity().parameters();
        long biases = parameters - dense.complexity().multiplyAdds();
        double[] cumulative = RoundRatios.cumulative(ratio, rounds);
        DeterministicMlp current = dense;
        WeightMask mask = WeightMask.dense(dense.widths());
        for (int t = 0; t < rounds; t++) {
            EmpiricalSensitivity sensitivity = EmpiricalSensitivity.of(current, batch);
            if (sensitivities != null) {
                sensitivities.accept(sensitivity);
            }
            long keptWeights = Math.max(0, Math.round((1 - cumulative[t]) * parameters) - biases);
            SippWeightPruning pruned = new SippWeightPruner(current, sensitivity).pruneToWeights(keptWeights, seed + t);
            mask = intersection(mask, pruned.mask());
            DeterministicMlp next = mask.apply(pruned.network());
            pruned.network().close();
            next = new RoundFineTuning(fineTune).after(t, next, train, mask);
            if (current != dense) {
                current.close();
            }
            current = next;
            System.gc(); // the round's ND4J temporaries (see PruningSchedule)
        }
        return current;
    }

    private static WeightMask intersection(WeightMask a, WeightMask b) {
        List<INDArray> keep = new ArrayList<>();
        for (int l = 0; l < a.layerCount(); l++) {
            keep.add(a.weightKeep(l).mul(b.weightKeep(l)));
        }
        return WeightMask.forWeights(keep);
    }

    private static WeightPruningResult measure(double before, DeterministicMlp network, LabeledData test) {
        SparsityReport sparsity = SparsityReport.of(network);
        WeightPruningResult result = new WeightPruningResult(before, network.accuracy(test), sparsity.nonzeroParameters(),
                sparsity.nonzeroWeights());
        network.close();
        return result;
    }
}
