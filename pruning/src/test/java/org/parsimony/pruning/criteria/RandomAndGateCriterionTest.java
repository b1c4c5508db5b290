package org.parsimony.pruning.criteria;

import org.junit.jupiter.api.Test;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomAndGateCriterionTest {

    @Test
    void randomScoresAreSeeded() {
        PosteriorStatistics s = CriterionFixtures.randomStatistics(new int[] {6, 5, 4, 3}, 1, -1, 1);
        PosteriorStatistics other = CriterionFixtures.randomStatistics(new int[] {6, 5, 4, 3}, 2, -1, 1);
        RandomCriterion a = new RandomCriterion(42);
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.unitScores(s).get(l), new RandomCriterion(42).unitScores(s).get(l), 0);
            assertArrayEquals(a.unitScores(s).get(l), a.unitScores(other).get(l), 0); // values are ignored
        }
        assertFalse(java.util.Arrays.equals(a.unitScores(s).get(0), new RandomCriterion(43).unitScores(s).get(0)));
        assertEquals(a.weightScores(s).get(2), new RandomCriterion(42).weightScores(s).get(2));
        assertFalse(a.weightScores(s).get(2).equals(new RandomCriterion(43).weightScores(s).get(2)));
        for (double v : a.unitScores(s).get(0)) {
            assertTrue(v >= 0 && v < 1);
        }
    }

    @Test
    void gateScoresAreTheGateProbabilities() {
        PosteriorStatistics s = CriterionFixtures.single(new double[][] {{1, 2, 3}}, new double[][] {{1, 1, 1}},
                new double[] {0.9, 0.05, 0.5});
        GateProbabilityCriterion gate = new GateProbabilityCriterion();
        assertArrayEquals(new double[] {0.9, 0.05, 0.5}, gate.unitScores(s).get(0), 0);
        assertEquals(0.05, gate.weightScores(s).get(0).getDouble(0, 1), 0);
        assertEquals(1.0, gate.weightScores(s).get(1).getDouble(0, 0), 0);
    }
}
