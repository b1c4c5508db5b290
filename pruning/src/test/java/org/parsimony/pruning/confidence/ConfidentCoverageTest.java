package org.parsimony.pruning.confidence;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ConfidentCoverage} gives on every split exactly what {@link ConfidentPruning#calibrate} certifies on that
 * split's calibration part, measures the certified and naive ratios on the rest, and {@link ClopperPearson} matches
 * reference values.
 */
class ConfidentCoverageTest {
    static final double[] RATIOS = CalibrateViolationRateTest.RATIOS;

    @Test
    void everySplitCertifiesWhatCalibrateCertifiesOnItsCalibrationPart() {
        DeterministicMlp dense = CalibrateViolationRateTest.network(-1);
        RatioPruner pruner = r -> CalibrateViolationRateTest.network(Arrays.binarySearch(RATIOS, r));
        LabeledData heldOut = CalibrateViolationRateTest.draw(new SplittableRandom(5), 700);
        ConfidentPruning procedure = new ConfidentPruning(0.1, 0.1);
        int n = 300;
        ConfidentCoverage coverage = new ConfidentCoverage(procedure, 12, n, 42);
        CoverageResult result = coverage.run(dense, pruner, RATIOS, heldOut);
        assertEquals(12, result.splits().size());
        assertEquals(400, result.testSize());
        for (int s = 0; s < 12; s++) {
            int[] order = coverage.permutation(s, heldOut.size());
            assertEquals(heldOut.size(), IntStream.of(order).distinct().count(), "a permutation");
            LabeledData calibration = heldOut.subset(Arrays.copyOfRange(order, 0, n));
            LabeledData test = heldOut.subset(Arrays.copyOfRange(order, n, order.length));
            ConfidentPruningResult direct = procedure.calibrate(dense, pruner, RATIOS, calibration);
            CoverageSplit split = result.splits().get(s);
            double expected = direct.certified() ? direct.certifiedRatio().getAsDouble() : Double.NaN;
            assertEquals(expected, split.certifiedRatio(), 0.0, "split " + s);
            if (direct.certified()) {
                int k = direct.rejectedCount() - 1;
                assertEquals(featureMean(test, k), split.certifiedRisk(), 1e-12, "test risk of split " + s);
            }
            int naive = -1;
            for (int k = 0; k < RATIOS.length; k++) {
                if (direct.empiricalRisks()[k] <= 0.1) {
                    naive = k;
                }
            }
            assertEquals(naive < 0 ? Double.NaN : RATIOS[naive], split.naiveRatio(), 0.0, "naive ratio of split " + s);
        }
        assertEquals(result.certifiedCovered(), result.splits().stream().filter(x -> x.certifiedCovered(0.1)).count());
        for (int k = 0; k < RATIOS.length; k++) {
            assertEquals(featureMean(heldOut, k), result.heldOutRisks()[k], 1e-12);
        }
        assertTrue(coverage.permutation(0, 50)[0] != coverage.permutation(1, 50)[0]
                || !Arrays.equals(coverage.permutation(0, 50), coverage.permutation(1, 50)), "splits differ");
    }

    private static double featureMean(LabeledData data, int k) {
        double sum = 0;
        float[] x = new float[data.featureCount()];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, x, 0);
            sum += x[k];
        }
        return sum / data.size();
    }

    @Test
    void clopperPearsonMatchesReferenceValues() {
        // R: binom.test(0, 10)$conf.int, binom.test(5, 10)$conf.int, binom.test(10, 10)$conf.int
        ClopperPearson none = ClopperPearson.of(0, 10, 0.95);
        assertEquals(0, none.lower(), 0);
        assertEquals(1 - Math.pow(0.025, 0.1), none.upper(), 1e-9);
        ClopperPearson half = ClopperPearson.of(5, 10, 0.95);
        assertEquals(0.1870860, half.lower(), 1e-6);
        assertEquals(0.8129140, half.upper(), 1e-6);
        ClopperPearson all = ClopperPearson.of(10, 10, 0.95);
        assertEquals(Math.pow(0.025, 0.1), all.lower(), 1e-9);
        assertEquals(1, all.upper(), 0);
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.of(11, 10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.of(1, 10, 1.0));
    }

    @Test
    void badSettingsAreRefused() {
        ConfidentPruning procedure = new ConfidentPruning(0.1, 0.1);
        assertThrows(IllegalArgumentException.class, () -> new ConfidentCoverage(procedure, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConfidentCoverage(procedure, 5, 0, 1));
        LabeledData small = CalibrateViolationRateTest.draw(new SplittableRandom(1), 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConfidentCoverage(procedure, 5, 10, 1)
                .run(CalibrateViolationRateTest.network(-1), r -> CalibrateViolationRateTest.network(-1), RATIOS, small));
        assertTrue(e.getMessage().contains("needs more than the 10 calibration examples"), e.getMessage());
    }
}
