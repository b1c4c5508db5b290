package org.parsimony.pruning.policy;

import org.junit.jupiter.api.Test;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.statistics.PseudoBootstrapRecorder;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.pruning.surgery.SparsityReport;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruningScheduleTest {
    private static final LabeledData DATA = SyntheticData.blobs(400, 8, 3, 2);
    private static final FineTuneConfig FINE_TUNE = new FineTuneConfig(2, 40, 0.01, 5);

    @Test
    void oneShotEqualsTheLastRoundOfAnIterativeScheduleWithoutFineTuning() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {8, 20, 10, 3}, 1);
        PosteriorStatistics statistics = PosteriorStatistics.pointEstimate(network);
        PruningOutcome<DeterministicMlp> oneShot = PruningSchedule.oneShot(new UnitRatioPolicy(new MagnitudeCriterion(), 0.6, RatioScope.LAYER_WISE))
                .run(network, statistics, null);
        PruningOutcome<DeterministicMlp> iterative = PruningSchedule.toRatio(new MagnitudeCriterion(), 0.6, RatioScope.LAYER_WISE, 3)
                .run(network, statistics, null);
        assertArrayEquals(new int[] {8, 8, 4, 3}, oneShot.network().widths());
        assertArrayEquals(new int[] {8, 8, 4, 3}, iterative.network().widths());
        assertEquals(3, iterative.rounds().size());
        // geometric: 1 - 0.4^(1/3) = 26.3% after round 1 -> 20 - round(5.26) = 15 and 10 - round(2.63) = 7
        assertArrayEquals(new int[] {8, 15, 7, 3}, iterative.rounds().get(0).widths());
        assertEquals(oneShot.network().complexity().parameters(), iterative.rounds().get(2).parameters());
    }

    @Test
    void iterativeMuPruningWithFineTuningUsesThePseudoBootstrapEachRound() {
        DeterministicMlp start = DeterministicTrainer.initialize(new int[] {8, 16, 3}, 1);
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(20);
        DeterministicMlp trained = new DeterministicTrainer(FINE_TUNE.withEpochs(3)).train(start, DATA, null, recorder);
        PruningOutcome<DeterministicMlp> outcome = PruningSchedule.toRatio(new MagnitudeUncertaintyCriterion(), 0.5, RatioScope.GLOBAL, 2)
                .withFineTuning(FINE_TUNE).withPseudoBootstrap(20)
                .run(trained, PosteriorStatistics.fromPseudoBootstrap(trained, recorder), DATA);
        assertArrayEquals(new int[] {8, 8, 3}, outcome.network().widths());
        assertEquals(20, outcome.statistics().layer(0).history().size());
        assertTrue(outcome.network().accuracy(DATA) > 0.8, "accuracy " + outcome.network().accuracy(DATA));
        assertEquals(8 * 8 + 8 + 8 * 3 + 3, outcome.rounds().get(1).parameters());
        // without a pseudo bootstrap the second round has no sigmas for MU: a clear error
        assertThrows(IllegalArgumentException.class, () -> PruningSchedule
                .toRatio(new MagnitudeUncertaintyCriterion(), 0.5, RatioScope.GLOBAL, 2).withFineTuning(FINE_TUNE)
                .run(trained, PosteriorStatistics.fromPseudoBootstrap(trained, recorder), DATA));
    }

    @Test
    void unstructuredScheduleKeepsMaskedWeightsAtZeroThroughFineTuning() {
        DeterministicMlp start = new DeterministicTrainer(FINE_TUNE).train(
                DeterministicTrainer.initialize(new int[] {8, 16, 3}, 1), DATA);
        PruningOutcome<DeterministicMlp> outcome = WeightPruningSchedule.toRatio(new MagnitudeCriterion(), 0.75, RatioScope.GLOBAL, 2)
                .withFineTuning(FINE_TUNE).run(start, PosteriorStatistics.pointEstimate(start), DATA);
        SparsityReport report = SparsityReport.of(outcome.network());
        assertEquals(176, report.weights());
        assertEquals(176 - Math.round(0.75 * 176), outcome.mask().keptWeights());
        assertTrue(report.nonzeroWeights() <= outcome.mask().keptWeights());
        assertEquals(report.nonzeroWeights(), outcome.rounds().get(1).nonzeroWeights());
        assertArrayEquals(start.widths(), outcome.network().widths()); // masking does not shrink the network
        assertEquals(176, outcome.rounds().get(1).multiplyAdds());
    }

    @Test
    void mismatchedInputsAreRejected() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {8, 6, 3}, 1);
        PosteriorStatistics other = PosteriorStatistics.pointEstimate(DeterministicTrainer.initialize(new int[] {8, 5, 3}, 1));
        PruningSchedule schedule = PruningSchedule.toRatio(new MagnitudeCriterion(), 0.5, RatioScope.GLOBAL, 1);
        assertThrows(IllegalArgumentException.class, () -> schedule.run(network, other, null));
        assertThrows(IllegalArgumentException.class, () -> schedule.withFineTuning(FINE_TUNE)
                .run(network, PosteriorStatistics.pointEstimate(network), null));
        assertThrows(IllegalArgumentException.class, () -> PruningSchedule.toRatio(new MagnitudeCriterion(), 0.5, RatioScope.GLOBAL, 0));
        assertThrows(IllegalArgumentException.class, () -> schedule.withPseudoBootstrap(1));
    }

    @Test
    void eachRoundFreesTheNetworkAndStatisticsItReplacesButNotTheCallersOrTheResult() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {8, 20, 10, 3}, 1);
        PosteriorStatistics statistics = PosteriorStatistics.pointEstimate(network);
        List<PosteriorStatistics> seen = new ArrayList<>();
        List<UnitPruningPolicy> rounds = new ArrayList<>();
        for (double ratio : new double[] {0.2, 0.4, 0.6}) {
            UnitPruningPolicy policy = new UnitRatioPolicy(new MagnitudeCriterion(), ratio, RatioScope.LAYER_WISE);
            rounds.add(new UnitPruningPolicy() {
                @Override
                public KeptUnits select(org.parsimony.pruning.criteria.CriterionContext context, int[] reference) {
                    seen.add(context.statistics());
                    return policy.select(context, reference);
                }

                @Override
                public String description() {
                    return policy.description();
                }
            });
        }
        List<DeterministicMlp> networks = new ArrayList<>();
        PruningOutcome<DeterministicMlp> outcome = PruningSchedule.iterative(rounds).withFineTuning(FINE_TUNE).withPseudoBootstrap(5)
                .run(network, statistics, DATA, (round, pruned) -> networks.add(pruned));

        assertEquals(3, networks.size());
        assertTrue(networks.get(0).isClosed() && networks.get(1).isClosed(), "the networks of rounds 1 and 2 are freed");
        assertSame(outcome.network(), networks.get(2));
        assertFalse(outcome.network().isClosed() || outcome.statistics().isClosed(), "the result stays usable");
        assertTrue(outcome.network().accuracy(DATA) > 0);
        assertTrue(seen.get(1).isClosed() && seen.get(2).isClosed(), "the statistics of rounds 1 and 2 are freed");
        assertSame(statistics, seen.get(0));
        assertFalse(network.isClosed() || statistics.isClosed(), "the caller's network and statistics are kept");
    }

    @Test
    void sippScoresEveryRoundsNetworkFromTheScheduleBatch() {
        DeterministicMlp trained = new DeterministicTrainer(FINE_TUNE.withEpochs(3))
                .train(DeterministicTrainer.initialize(new int[] {8, 16, 12, 3}, 1), DATA);
        org.nd4j.linalg.api.ndarray.INDArray batch = org.parsimony.variational.data.Minibatch.of(DATA,
                java.util.stream.IntStream.range(0, 64).toArray(), 0, 64).features();
        var sipp = new org.parsimony.pruning.criteria.sipp.SippCriterion();
        List<org.parsimony.pruning.criteria.CriterionContext> contexts = new ArrayList<>();
        org.parsimony.pruning.criteria.PruningCriterion recording = new org.parsimony.pruning.criteria.PruningCriterion() {
            @Override
            public String name() {
                return "recording-sipp";
            }

            @Override
            public List<double[]> unitScores(org.parsimony.pruning.criteria.CriterionContext context) {
                contexts.add(context);
                return sipp.unitScores(context);
            }

            @Override
            public List<org.nd4j.linalg.api.ndarray.INDArray> weightScores(org.parsimony.pruning.criteria.CriterionContext context) {
                contexts.add(context);
                return sipp.weightScores(context);
            }
        };
        List<DeterministicMlp> rounds = new ArrayList<>();
        PruningOutcome<DeterministicMlp> units = PruningSchedule.toRatio(recording, 0.5, RatioScope.LAYER_WISE, 2).withFineTuning(FINE_TUNE)
                .withBatch(batch).run(trained, PosteriorStatistics.pointEstimate(trained), DATA,
                        (round, network) -> rounds.add(copy(network)));
        assertArrayEquals(new int[] {8, 8, 6, 3}, units.network().widths());
        // round 1 scored the dense network, round 2 the network round 1 left (pruned and fine-tuned), both on the batch
        assertEquals(2, contexts.size());
        assertSame(trained, contexts.get(0).network());
        assertArrayEquals(rounds.get(0).widths(), contexts.get(1).network().widths());
        assertSame(batch, contexts.get(1).batch());

        // weight-level: the network keeps its shape, and its sensitivities change with the pruning and fine-tuning
        contexts.clear();
        PruningOutcome<DeterministicMlp> masked = WeightPruningSchedule.toRatio(recording, 0.6, RatioScope.GLOBAL, 2).withFineTuning(FINE_TUNE)
                .withBatch(batch).run(trained, PosteriorStatistics.pointEstimate(trained), DATA);
        assertEquals(356 - Math.round(0.6 * 356), SparsityReport.of(masked.network()).nonzeroWeights());
        var first = sipp.sensitivity(contexts.get(0));
        var later = sipp.sensitivity(contexts.get(1));
        boolean differs = false;
        for (int l = 0; l < first.layerCount(); l++) {
            differs |= !java.util.Arrays.deepEquals(first.weightSensitivity(l), later.weightSensitivity(l));
        }
        assertTrue(differs, "the sensitivities of the pruned, fine-tuned network are not those of the dense one");

        // without a batch SiPP says what it misses
        IllegalArgumentException noBatch = assertThrows(IllegalArgumentException.class, () -> PruningSchedule
                .toRatio(sipp, 0.5, RatioScope.LAYER_WISE, 1).run(trained, PosteriorStatistics.pointEstimate(trained), null));
        assertTrue(noBatch.getMessage().contains("batch of training inputs"), noBatch.getMessage());
    }

    private static DeterministicMlp copy(DeterministicMlp network) {
        List<org.nd4j.linalg.api.ndarray.INDArray> w = new ArrayList<>();
        List<org.nd4j.linalg.api.ndarray.INDArray> b = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            w.add(network.weight(l));
            b.add(network.bias(l));
        }
        return new DeterministicMlp(w, b);
    }
}
