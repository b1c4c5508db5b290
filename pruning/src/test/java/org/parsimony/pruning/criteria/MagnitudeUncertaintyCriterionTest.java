package org.parsimony.pruning.criteria;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagnitudeUncertaintyCriterionTest {
    private final MagnitudeUncertaintyCriterion mu = new MagnitudeUncertaintyCriterion();

    @Test
    void scoresAreInvariantToScalingALayersMeansAndSigmas() {
        int[] widths = {7, 5, 4, 3};
        PosteriorStatistics base = CriterionFixtures.randomStatistics(widths, 5, -1, 1);
        for (double c : new double[] {1e-3, 0.5, 7, -3}) {
            PosteriorStatistics scaled = CriterionFixtures.randomStatistics(widths, 5, 1, c);
            for (int l = 0; l < 2; l++) {
                assertArrayEquals(mu.unitScores(base).get(l), mu.unitScores(scaled).get(l), 1e-9);
                assertArrayEquals(mu.unitPValues(base).get(l), mu.unitPValues(scaled).get(l), 1e-12);
            }
            for (int l = 0; l < 3; l++) {
                assertTrue(mu.weightScores(base).get(l).equalsWithEps(mu.weightScores(scaled).get(l), 1e-9));
            }
        }
        // magnitude, by contrast, is not invariant
        PosteriorStatistics scaled = CriterionFixtures.randomStatistics(widths, 5, 1, 7);
        assertFalse(new MagnitudeCriterion().weightScores(base).get(1)
                .equalsWithEps(new MagnitudeCriterion().weightScores(scaled).get(1), 1e-6));
    }

    @Test
    void weightScoreIsAbsoluteMeanOverSigma() {
        PosteriorStatistics s = CriterionFixtures.single(new double[][] {{-2, 0.5}, {3, 0}}, new double[][] {{4, 0.25}, {1, 0}},
                null);
        INDArray scores = mu.weightScores(s).get(0);
        assertEquals(0.5, scores.getDouble(0, 0), 1e-12);
        assertEquals(2.0, scores.getDouble(0, 1), 1e-12);
        assertEquals(3.0, scores.getDouble(1, 0), 1e-12);
        assertEquals(0.0, scores.getDouble(1, 1), 0); // mu = sigma = 0: no evidence
    }

    @Test
    void unitPValuesMatchTheChiSquareDistribution() {
        // unit 0: W = 1 + 4 = 5 with d = 2; unit 1: W = 2.25 + 0.25 = 2.5 with d = 2
        PosteriorStatistics two = CriterionFixtures.single(new double[][] {{1, 1.5}, {-2, 0.5}},
                new double[][] {{1, 1}, {1, 1}}, null);
        MagnitudeUncertaintyCriterion.UnitWaldTests tests = mu.unitWaldTests(two);
        assertArrayEquals(new double[] {5, 2.5}, tests.statistic().get(0), 1e-12);
        assertArrayEquals(new int[] {2, 2}, tests.degreesOfFreedom().get(0));
        double[] p = mu.unitPValues(two).get(0);
        assertEquals(Math.exp(-5 / 2.0), p[0], 1e-12); // chi^2_2 survival is exp(-w/2)
        assertEquals(Math.exp(-2.5 / 2.0), p[1], 1e-12);
        // d = 1: P(chi^2_1 > w) = 2 (1 - Phi(sqrt w))
        NormalDistribution normal = new NormalDistribution();
        for (double w : new double[] {0.1, 1, 3.84, 9}) {
            assertEquals(2 * (1 - normal.cumulativeProbability(Math.sqrt(w))),
                    MagnitudeUncertaintyCriterion.pValue(w, 1), 1e-9);
        }
        for (int d : new int[] {3, 10, 784}) {
            for (double w : new double[] {0.5 * d, d, 1.5 * d}) {
                assertEquals(1 - new ChiSquaredDistribution(d).cumulativeProbability(w),
                        MagnitudeUncertaintyCriterion.pValue(w, d), 1e-12);
            }
        }
        assertEquals(0.05, MagnitudeUncertaintyCriterion.pValue(3.841458820694124, 1), 1e-9);
        assertEquals(1.0, MagnitudeUncertaintyCriterion.pValue(0, 0), 0);
        assertEquals(0.0, MagnitudeUncertaintyCriterion.pValue(Double.POSITIVE_INFINITY, 4), 0);
    }

    @Test
    void unitScoreOrdersLikeThePValueAndHandlesZeroSigmas() {
        PosteriorStatistics s = CriterionFixtures.single(
                new double[][] {{1, 3, 0, 0.1}, {2, 1, 0, 5}},
                new double[][] {{1, 1, 0, 0}, {1, 1, 0, 1}}, null);
        double[] scores = mu.unitScores(s).get(0);
        double[] p = mu.unitPValues(s).get(0);
        assertTrue(scores[1] > scores[0] && p[1] < p[0]); // W = 10 beats W = 5
        assertEquals(Double.NEGATIVE_INFINITY, scores[2], 0); // every weight exactly 0 and fixed: d = 0
        assertEquals(1.0, p[2], 0);
        // a weight that never moved (sigma 0) carries no evidence: unit 3 is tested on its other weight alone, W = 25, d = 1
        assertTrue(Double.isFinite(scores[3]) && scores[3] > scores[1], "score " + scores[3]);
        assertEquals(25.0, mu.unitWaldTests(s).statistic().get(0)[3], 1e-12);
        assertEquals(1 - new org.apache.commons.math3.distribution.ChiSquaredDistribution(1).cumulativeProbability(25), p[3], 1e-15);
        assertArrayEquals(new int[] {2, 2, 0, 1}, mu.unitWaldTests(s).degreesOfFreedom().get(0));
    }

    @Test
    void muNeedsStandardDeviations() {
        PosteriorStatistics pointEstimate = PosteriorStatistics.pointEstimate(DeterministicTrainer.initialize(new int[] {3, 2, 2}, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mu.unitScores(pointEstimate));
        assertTrue(e.getMessage().contains("standard deviations"));
        assertThrows(IllegalArgumentException.class, () -> MagnitudeUncertaintyCriterion.pValue(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> MagnitudeUncertaintyCriterion.pValue(Double.NaN, 2));
        assertThrows(IllegalArgumentException.class, () -> MagnitudeUncertaintyCriterion.pValue(1, -1));
    }
}
