package org.parsimony.pruning.confidence;

import org.junit.jupiter.api.Test;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.policy.WeightPruningSchedule;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfidentPruningTest {
    private static final double ALPHA = 0.1;
    private static final double DELTA = 0.1;

    /**
     * 500 calibration draws from a known loss distribution: example i has U_i ~ U(0, 1) and loss
     * 1{U_i < R_k} at ratio k (pruning more never repairs an example), true risks R_k increasing, the seventh
     * just above alpha. The certified ratio must break R <= alpha in at most delta of the draws, up to three
     * binomial standard deviations; the naive rule "largest ratio with Rhat <= alpha" must break it far more
     * often, which shows the simulation can catch an invalid procedure.
     */
    @Test
    void certifiedRatioKeepsTheRiskBelowAlphaWithProbabilityOneMinusDelta() {
        double[] ratios = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        double[] trueRisk = {0.01, 0.02, 0.04, 0.06, 0.08, 0.09, 0.1005, 0.12, 0.2};
        int n = 1500;
        int draws = 500;
        ConfidentPruning procedure = new ConfidentPruning(ALPHA, DELTA);
        SplittableRandom random = new SplittableRandom(2024);
        int violations = 0;
        int naiveViolations = 0;
        int certified = 0;
        for (int d = 0; d < draws; d++) {
            int[] losses = new int[ratios.length];
            for (int i = 0; i < n; i++) {
                double u = random.nextDouble();
                for (int k = 0; k < ratios.length; k++) {
                    losses[k] += u < trueRisk[k] ? 1 : 0;
                }
            }
            double[] risks = new double[ratios.length];
            int naive = -1;
            for (int k = 0; k < ratios.length; k++) {
                risks[k] = (double) losses[k] / n;
                if (risks[k] <= ALPHA) {
                    naive = k;
                }
            }
            ConfidentPruningResult result = procedure.test(ratios, risks, n);
            if (result.certified()) {
                certified++;
                if (trueRisk[result.rejectedCount() - 1] > ALPHA) {
                    violations++;
                }
            }
            if (naive >= 0 && trueRisk[naive] > ALPHA) {
                naiveViolations++;
            }
        }
        double tolerance = DELTA + 3 * Math.sqrt(DELTA * (1 - DELTA) / draws);
        assertTrue((double) violations / draws <= tolerance, violations + " violations in " + draws + " draws");
        assertTrue((double) naiveViolations / draws > 0.3, "naive rule violated only " + naiveViolations + " times");
        assertTrue(certified > 0.95 * draws, "certified only " + certified + " of " + draws);
    }

    @Test
    void fixedSequenceTestingStopsAtTheFirstNonRejection() {
        ConfidentPruning procedure = new ConfidentPruning(0.1, 0.05);
        // the third ratio's risk is above alpha; the fourth looks perfect but is never reached
        ConfidentPruningResult result = procedure.test(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0, 0, 0.2, 0}, 200);
        assertEquals(2, result.rejectedCount());
        assertEquals(0.2, result.certifiedRatio().getAsDouble(), 0);
        assertEquals(1.0, result.pValues()[2], 0);
        assertTrue(result.pValues()[3] <= 0.05);
        assertEquals(Math.pow(0.9, 200), result.pValues()[0], 1e-20);
        assertTrue(result.message().startsWith("ratio 0.2 certified"), result.message());
        assertTrue(result.message().contains("stopped at ratio 0.3"), result.message());
        ConfidentPruningResult all = procedure.test(new double[] {0.5, 0.6}, new double[] {0, 0.01}, 500);
        assertEquals(0.6, all.certifiedRatio().getAsDouble(), 0);
        assertTrue(all.message().contains("every ratio of the grid was rejected"), all.message());
    }

    @Test
    void saysClearlyWhenNoRatioIsCertified() {
        ConfidentPruningResult none = new ConfidentPruning(0.05, 0.1).test(new double[] {0.2, 0.5}, new double[] {0.01, 0.3}, 20);
        assertFalse(none.certified());
        assertTrue(none.certifiedRatio().isEmpty());
        assertEquals(0, none.rejectedCount());
        assertTrue(none.message().startsWith("no ratio certified"), none.message());
        assertEquals(2, none.pValues().length);
        // the message says how much calibration data the least pruned ratio needs, or that none would do
        int needed = HoeffdingBentkus.calibrationSizeFor(0.01, 0.05, 0.1).getAsInt();
        assertTrue(none.message().contains("about " + needed + " calibration examples would certify it"), none.message());
        assertTrue(new ConfidentPruning(0.05, 0.1).test(new double[] {0.2}, new double[] {0.057}, 20).message()
                .contains("no number of calibration examples certifies a risk of 0.0570 at alpha 0.05"));
    }

    @Test
    void theCalibrationSizeForARiskIsTheFirstAtWhichTheTestCertifiesIt() {
        int n = HoeffdingBentkus.calibrationSizeFor(0.01, 0.05, 0.1).getAsInt();
        assertTrue(HoeffdingBentkus.pValue(0.01, n, 0.05) <= 0.1);
        assertTrue(HoeffdingBentkus.pValue(0.01, n - 1, 0.05) > 0.1);
        assertTrue(new ConfidentPruning(0.05, 0.1).test(new double[] {0.2}, new double[] {0.01}, n).certified());
        assertTrue(HoeffdingBentkus.calibrationSizeFor(0.05, 0.05, 0.1).isEmpty(), "a risk at alpha is never certified");
    }

    @Test
    void calibratesMagnitudePruningOfATrainedNetwork() {
        LabeledData all = SyntheticData.blobs(1000, 8, 3, 4);
        LabeledData train = all.head(600);
        LabeledData calibration = all.subset(java.util.stream.IntStream.range(600, 1000).toArray()); // held out
        DeterministicMlp dense = new DeterministicTrainer(new FineTuneConfig(6, 32, 0.01, 3))
                .train(DeterministicTrainer.initialize(new int[] {8, 24, 3}, 5), train);
        PosteriorStatistics statistics = PosteriorStatistics.pointEstimate(dense);
        RatioPruner magnitude = r -> WeightPruningSchedule.toRatio(new MagnitudeCriterion(), r, RatioScope.GLOBAL, 1)
                .run(dense, statistics, null).network();
        double[] grid = {0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.99};
        ConfidentPruning procedure = new ConfidentPruning(0.1, 0.1);
        ConfidentPruningResult disagreement = procedure.calibrate(dense, magnitude, grid, calibration);
        assertEquals(400, disagreement.calibrationSize());
        assertEquals(0.0, disagreement.empiricalRisks()[0], 0); // ratio 0 is the dense network itself
        for (int k = 0; k < grid.length; k++) {
            assertEquals(HoeffdingBentkus.pValue(disagreement.empiricalRisks()[k], 400, 0.1), disagreement.pValues()[k], 0);
        }
        int certified = disagreement.rejectedCount();
        assertTrue(certified >= 1, disagreement.message());
        for (int k = 0; k < certified; k++) {
            assertTrue(disagreement.pValues()[k] <= 0.1);
        }
        if (certified < grid.length) {
            assertTrue(disagreement.pValues()[certified] > 0.1);
        }
        assertTrue(disagreement.empiricalRisks()[grid.length - 1] > 0.1, "99% of the weights gone should change predictions");
        // an error increase implies a disagreement, so its risk is never larger
        ConfidentPruningResult errors = procedure.withLoss(new ErrorIncrease()).calibrate(dense, magnitude, grid, calibration);
        assertEquals("error-increase", errors.loss());
        for (int k = 0; k < grid.length; k++) {
            assertTrue(errors.empiricalRisks()[k] <= disagreement.empiricalRisks()[k]);
        }
        assertTrue(errors.rejectedCount() >= certified);
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        for (double bad : new double[] {0, 1, -0.2, 1.5, Double.NaN}) {
            IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new ConfidentPruning(bad, 0.1));
            assertTrue(a.getMessage().contains("alpha"), a.getMessage());
            IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> new ConfidentPruning(0.1, bad));
            assertTrue(d.getMessage().contains("delta"), d.getMessage());
        }
        ConfidentPruning procedure = new ConfidentPruning(0.1, 0.1);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> procedure.test(new double[0], new double[0], 10));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
                () -> procedure.test(new double[] {0.5, 0.3}, new double[] {0, 0}, 10));
        assertTrue(unsorted.getMessage().contains("strictly increasing"), unsorted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> procedure.test(new double[] {0.3, 0.3}, new double[] {0, 0}, 10));
        assertThrows(IllegalArgumentException.class, () -> procedure.test(new double[] {0.3, 1.2}, new double[] {0, 0}, 10));
        assertThrows(IllegalArgumentException.class, () -> procedure.test(new double[] {0.3}, new double[] {0, 0}, 10));
        assertThrows(IllegalArgumentException.class, () -> procedure.test(new double[] {0.3}, new double[] {1.3}, 10));
        IllegalArgumentException noExamples = assertThrows(IllegalArgumentException.class,
                () -> procedure.test(new double[] {0.3}, new double[] {0}, 0));
        assertTrue(noExamples.getMessage().contains("empty"), noExamples.getMessage());

        DeterministicMlp dense = DeterministicTrainer.initialize(new int[] {8, 6, 3}, 1);
        RatioPruner identity = r -> dense;
        LabeledData none = new LabeledData(new float[0], new int[0], 8, 3);
        IllegalArgumentException emptyCalibration = assertThrows(IllegalArgumentException.class,
                () -> procedure.calibrate(dense, identity, new double[] {0.5}, none));
        assertTrue(emptyCalibration.getMessage().contains("calibration set is empty"), emptyCalibration.getMessage());
        LabeledData data = SyntheticData.blobs(30, 8, 3, 1);
        assertThrows(IllegalArgumentException.class,
                () -> procedure.calibrate(dense, identity, new double[] {0.5, 0.4}, data));
        assertThrows(IllegalArgumentException.class,
                () -> procedure.calibrate(dense, identity, new double[] {0.5}, SyntheticData.blobs(30, 5, 3, 1)));
        CalibrationLoss unbounded = new CalibrationLoss() {
            @Override
            public String name() {
                return "unbounded";
            }

            @Override
            public double[] losses(org.nd4j.linalg.api.ndarray.INDArray denseLogits,
                                   org.nd4j.linalg.api.ndarray.INDArray prunedLogits, int[] labels) {
                double[] l = new double[labels.length];
                java.util.Arrays.fill(l, 2.0);
                return l;
            }
        };
        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> procedure.withLoss(unbounded).calibrate(dense, identity, new double[] {0.5}, data));
        assertTrue(outOfRange.getMessage().contains("[0, 1]"), outOfRange.getMessage());
    }
}
