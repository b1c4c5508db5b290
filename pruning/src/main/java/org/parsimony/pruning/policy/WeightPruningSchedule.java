package org.parsimony.pruning.policy;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.CriterionContext;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.statistics.PseudoBootstrapRecorder;
import org.parsimony.pruning.surgery.SparsityReport;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Unstructured pruning in rounds: each round extends the weight mask with {@link WeightRatioPolicy}, zeroes
 * the masked weights, then (optionally) fine-tunes with the mask fixed so masked weights stay 0. After
 * round {@code t} of {@code T} a cumulative fraction {@code r_t = 1 - (1 - R)^(t/T)} of the weights is
 * masked ({@code r_T = R}). The network keeps its dense shapes; {@link PruningRound#nonzeroWeights()}
 * reports the honest count. Statistics between rounds follow the rules of {@link PruningSchedule}
 * (without fine-tuning the previous statistics are reused; masked weights stay masked regardless).
 */
public final class WeightPruningSchedule {
    private final List<WeightRatioPolicy> rounds;
    private final FineTuneConfig fineTune;
    private final int pseudoBootstrapWindow;
    private final INDArray batch;

    private WeightPruningSchedule(List<WeightRatioPolicy> rounds, FineTuneConfig fineTune, int pseudoBootstrapWindow,
                                  INDArray batch) {
        this.rounds = List.copyOf(rounds);
        this.fineTune = fineTune;
        this.pseudoBootstrapWindow = pseudoBootstrapWindow;
        this.batch = batch;
    }

    /**
     * {@code rounds} rounds to the final weight ratio {@code R}.
     *
     * @throws IllegalArgumentException if {@code rounds < 1} or {@code R} is outside [0, 1]
     */
    public static WeightPruningSchedule toRatio(PruningCriterion criterion, double finalRatio, RatioScope scope,
                                                int rounds) {
        List<WeightRatioPolicy> policies = new ArrayList<>();
        for (double cumulative : RoundRatios.cumulative(finalRatio, rounds)) {
            policies.add(new WeightRatioPolicy(criterion, cumulative, scope));
        }
        return new WeightPruningSchedule(policies, null, 0, null);
    }

    /** The same schedule, fine-tuning after every round with the mask fixed. */
    public WeightPruningSchedule withFineTuning(FineTuneConfig config) {
        return new WeightPruningSchedule(rounds, java.util.Objects.requireNonNull(config, "config"), pseudoBootstrapWindow,
                batch);
    }

    /** The same schedule, recording a pseudo bootstrap over the last {@code window} fine-tuning updates; 0 = off. */
    public WeightPruningSchedule withPseudoBootstrap(int window) {
        return new WeightPruningSchedule(rounds, fineTune, RoundRatios.checkWindow(window), batch);
    }

    /**
     * The same schedule, giving data-informed criteria (SiPP) {@code inputs} to score every round's network from
     * ({@link CriterionContext#batch()}); null for none.
     */
    public WeightPruningSchedule withBatch(INDArray inputs) {
        return new WeightPruningSchedule(rounds, fineTune, pseudoBootstrapWindow, inputs);
    }

    /**
     * Runs the schedule.
     *
     * @throws IllegalArgumentException if the statistics do not describe the network's widths, or fine-tuning
     *                                  is configured without data
     */
    public PruningOutcome<DeterministicMlp> run(DeterministicMlp network, PosteriorStatistics statistics, LabeledData train) {
        if (!Arrays.equals(network.widths(), statistics.widths())) {
            throw new IllegalArgumentException("statistics describe widths " + Arrays.toString(statistics.widths())
                    + ", network has " + Arrays.toString(network.widths()));
        }
        boolean fineTuning = fineTune != null && fineTune.epochs() > 0;
        if (fineTuning && train == null) {
            throw new IllegalArgumentException("fine-tuning needs training data");
        }
        DeterministicMlp current = network;
        PosteriorStatistics currentStatistics = statistics;
        WeightMask mask = WeightMask.dense(network.widths());
        List<PruningRound> log = new ArrayList<>();
        for (int t = 0; t < rounds.size(); t++) {
            // every round's criterion scores that round's network (SiPP recomputes its sensitivities)
            WeightRatioPolicy policy = rounds.get(t);
            mask = policy.select(new CriterionContext(current, currentStatistics, batch), mask);
            current = mask.apply(current);
            if (fineTuning) {
                PseudoBootstrapRecorder recorder = pseudoBootstrapWindow > 0
                        ? new PseudoBootstrapRecorder(pseudoBootstrapWindow) : null;
                current = new DeterministicTrainer(fineTune.withSeed(fineTune.seed() + t + 1))
                        .train(current, train, mask, recorder);
                currentStatistics = recorder != null && recorder.size() >= 2
                        ? PosteriorStatistics.fromPseudoBootstrap(current, recorder)
                        : PosteriorStatistics.pointEstimate(current);
            }
            log.add(new PruningRound(t + 1, policy.description(), current.widths(), current.complexity().parameters(),
                    current.complexity().multiplyAdds(), SparsityReport.of(current).nonzeroWeights()));
        }
        return new PruningOutcome<>(current, mask, currentStatistics, log);
    }
}
