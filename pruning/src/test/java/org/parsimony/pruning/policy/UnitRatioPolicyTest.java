package org.parsimony.pruning.policy;

import org.junit.jupiter.api.Test;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.KeptUnits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnitRatioPolicyTest {
    // magnitude unit scores: hidden layer 0 has small norms, hidden layer 1 large ones
    private static final PosteriorStatistics STATS = PolicyFixtures.withUnitNorms(new double[][] {
            {0.1, 0.5, 0.2, 0.4, 0.3, 0.6, 0.05, 0.7, 0.8, 0.9},
            {5, 3, 4, 2, 1}}, 3);
    private static final MagnitudeCriterion MAGNITUDE = new MagnitudeCriterion();

    @Test
    void globalRatioPrunesTheLowestScoresOverAllLayers() {
        KeptUnits kept = new UnitRatioPolicy(MAGNITUDE, 0.4, RatioScope.GLOBAL).select(STATS);
        // 15 units, round(0.4 * 15) = 6 pruned, all from layer 0 whose scores are all lower
        assertEquals(9, kept.keptCount());
        assertArrayEquals(new long[] {5, 7, 8, 9}, kept.kept(0));
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, kept.kept(1));
    }

    @Test
    void layerWiseRatioPrunesTheSameFractionOfEveryLayer() {
        KeptUnits kept = new UnitRatioPolicy(MAGNITUDE, 0.4, RatioScope.LAYER_WISE).select(STATS);
        assertArrayEquals(new long[] {1, 3, 5, 7, 8, 9}, kept.kept(0)); // round(4.0) = 4 of 10 pruned
        assertArrayEquals(new long[] {0, 1, 2}, kept.kept(1)); // round(2.0) = 2 of 5 pruned: norms 2 and 1
    }

    @Test
    void everyLayerKeepsAtLeastOneUnit() {
        KeptUnits all = new UnitRatioPolicy(MAGNITUDE, 1.0, RatioScope.GLOBAL).select(STATS);
        assertArrayEquals(new long[] {9}, all.kept(0));
        assertArrayEquals(new long[] {0}, all.kept(1));
        assertEquals(2, new UnitRatioPolicy(MAGNITUDE, 1.0, RatioScope.LAYER_WISE).select(STATS).keptCount());
        // 0.9 asks for round(13.5) = 14 of 15: impossible without emptying a layer, so each keeps its best unit
        KeptUnits high = new UnitRatioPolicy(MAGNITUDE, 0.9, RatioScope.GLOBAL).select(STATS);
        assertArrayEquals(new long[] {9}, high.kept(0));
        assertArrayEquals(new long[] {0}, high.kept(1));
        // 0.8 asks for 12: layer 0 keeps its best unit and layer 1 gives up three instead
        KeptUnits exact = new UnitRatioPolicy(MAGNITUDE, 0.8, RatioScope.GLOBAL).select(STATS);
        assertEquals(3, exact.keptCount());
        assertArrayEquals(new long[] {0, 2}, exact.kept(1));
    }

    @Test
    void ratioCountsAgainstReferenceWidths() {
        // against reference widths {20, 5}, layer-wise 0.5 keeps 20 - 10 = 10 (all current) and 5 - round(2.5) = 2
        KeptUnits kept = new UnitRatioPolicy(MAGNITUDE, 0.5, RatioScope.LAYER_WISE).select(STATS, new int[] {20, 5});
        assertEquals(10, kept.kept(0).length);
        assertArrayEquals(new long[] {0, 2}, kept.kept(1));
        // globally 25 - round(12.5) = 12 kept
        assertEquals(12, new UnitRatioPolicy(MAGNITUDE, 0.5, RatioScope.GLOBAL).select(STATS, new int[] {20, 5}).keptCount());
    }

    @Test
    void perLayerNormalisationChangesWhatGlobalPruningSees() {
        // normalised scores: layer 1's norm-1 unit (1/sqrt(55) = 0.135) now ranks below layer 0's 0.3/1.69 = 0.178
        KeptUnits kept = new UnitRatioPolicy(MAGNITUDE, 0.4, RatioScope.GLOBAL, true).select(STATS);
        assertArrayEquals(new long[] {1, 5, 7, 8, 9}, kept.kept(0));
        assertArrayEquals(new long[] {0, 1, 2, 3}, kept.kept(1));
    }

    @Test
    void randomPoliciesAreSeeded() {
        KeptUnits a = new UnitRatioPolicy(new RandomCriterion(3), 0.5, RatioScope.GLOBAL).select(STATS);
        KeptUnits b = new UnitRatioPolicy(new RandomCriterion(3), 0.5, RatioScope.GLOBAL).select(STATS);
        KeptUnits c = new UnitRatioPolicy(new RandomCriterion(4), 0.5, RatioScope.GLOBAL).select(STATS);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(15 - 8, a.keptCount()); // round(7.5) = 8 pruned
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new UnitRatioPolicy(MAGNITUDE, 1.5, RatioScope.GLOBAL));
        assertThrows(IllegalArgumentException.class, () -> new UnitRatioPolicy(MAGNITUDE, -0.1, RatioScope.GLOBAL));
        assertThrows(IllegalArgumentException.class, () -> new UnitRatioPolicy(MAGNITUDE, Double.NaN, RatioScope.GLOBAL));
        assertThrows(IllegalArgumentException.class,
                () -> new UnitRatioPolicy(MAGNITUDE, 0.5, RatioScope.GLOBAL).select(STATS, new int[] {10}));
    }
}
