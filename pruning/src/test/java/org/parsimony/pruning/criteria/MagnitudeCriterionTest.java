package org.parsimony.pruning.criteria;

import org.junit.jupiter.api.Test;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagnitudeCriterionTest {

    @Test
    void unitScoreIsTheL2OrL1NormOfTheIncomingWeights() {
        PosteriorStatistics s = CriterionFixtures.single(new double[][] {{3, -1}, {-4, 0}}, new double[][] {{1, 1}, {1, 1}}, null);
        assertArrayEquals(new double[] {5, 1}, new MagnitudeCriterion().unitScores(s).get(0), 1e-12);
        assertArrayEquals(new double[] {7, 1}, new MagnitudeCriterion(MagnitudeCriterion.GroupNorm.L1).unitScores(s).get(0), 1e-12);
        assertEquals(4.0, new MagnitudeCriterion().weightScores(s).get(0).getDouble(1, 0), 0);
        assertEquals("magnitude-l1", new MagnitudeCriterion(MagnitudeCriterion.GroupNorm.L1).name());
    }

    @Test
    void scoresScaleWithTheWeights() {
        int[] widths = {6, 4, 3};
        PosteriorStatistics base = CriterionFixtures.randomStatistics(widths, 9, -1, 1);
        PosteriorStatistics scaled = CriterionFixtures.randomStatistics(widths, 9, 0, -2.5);
        MagnitudeCriterion magnitude = new MagnitudeCriterion();
        double[] before = magnitude.unitScores(base).get(0);
        double[] after = magnitude.unitScores(scaled).get(0);
        for (int j = 0; j < before.length; j++) {
            assertEquals(2.5 * before[j], after[j], 1e-9);
        }
        assertTrue(magnitude.weightScores(base).get(0).mul(2.5).equalsWithEps(magnitude.weightScores(scaled).get(0), 1e-9));
        // magnitude needs no standard deviations
        PosteriorStatistics pointEstimate = PosteriorStatistics.pointEstimate(
                org.parsimony.pruning.finetune.DeterministicTrainer.initialize(widths, 1));
        assertEquals(4, magnitude.unitScores(pointEstimate).get(0).length);
    }
}
