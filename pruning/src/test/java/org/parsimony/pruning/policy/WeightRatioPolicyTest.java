package org.parsimony.pruning.policy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.network.DeterministicMlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightRatioPolicyTest {
    private static final DeterministicMlp NETWORK = DeterministicTrainer.initialize(new int[] {30, 20, 10}, 4);
    private static final PosteriorStatistics STATS = PosteriorStatistics.pointEstimate(NETWORK);

    @Test
    void globalAndLayerWiseRatiosMaskTheRightCounts() {
        WeightMask global = new WeightRatioPolicy(new MagnitudeCriterion(), 0.7, RatioScope.GLOBAL).select(STATS);
        assertEquals(Math.round(0.3 * 800), global.keptWeights());
        WeightMask layerWise = new WeightRatioPolicy(new MagnitudeCriterion(), 0.7, RatioScope.LAYER_WISE).select(STATS);
        assertEquals(600 - 420, layerWise.weightKeep(0).sumNumber().longValue());
        assertEquals(200 - 140, layerWise.weightKeep(1).sumNumber().longValue());
        // the global threshold separates kept from masked magnitudes
        INDArray magnitude = org.nd4j.linalg.ops.transforms.Transforms.abs(NETWORK.weight(0).castTo(DataType.DOUBLE));
        INDArray keep = global.weightKeep(0).castTo(DataType.DOUBLE);
        double smallestKept = magnitude.mul(keep).add(keep.rsub(1).mul(1e9)).minNumber().doubleValue();
        double largestMasked = magnitude.mul(keep.rsub(1)).maxNumber().doubleValue();
        assertTrue(largestMasked <= smallestKept);
    }

    @Test
    void earlierMasksStayAndCountTowardsTheTarget() {
        WeightRatioPolicy half = new WeightRatioPolicy(new RandomCriterion(1), 0.5, RatioScope.GLOBAL);
        WeightMask first = new WeightRatioPolicy(new RandomCriterion(2), 0.3, RatioScope.GLOBAL).select(STATS);
        WeightMask second = half.select(STATS, first);
        assertEquals(400, second.keptWeights());
        // everything masked in the first round is still masked
        for (int l = 0; l < 2; l++) {
            assertEquals(0.0, first.weightKeep(l).rsub(1).mul(second.weightKeep(l)).sumNumber().doubleValue(), 0);
        }
    }

    @Test
    void everyLayerKeepsAWeightAndBadInputIsRejected() {
        WeightMask all = new WeightRatioPolicy(new MagnitudeCriterion(), 1.0, RatioScope.GLOBAL).select(STATS);
        assertEquals(1, all.weightKeep(0).sumNumber().longValue());
        assertEquals(1, all.weightKeep(1).sumNumber().longValue());
        assertThrows(IllegalArgumentException.class, () -> new WeightRatioPolicy(new MagnitudeCriterion(), 2, RatioScope.GLOBAL));
        assertThrows(IllegalArgumentException.class, () -> new WeightRatioPolicy(new MagnitudeCriterion(), 0.5, RatioScope.GLOBAL)
                .select(STATS, WeightMask.dense(new int[] {30, 21, 10})));
        assertEquals(800, WeightMask.forWeights(java.util.List.of(Nd4j.ones(30, 20), Nd4j.ones(20, 10))).totalWeights());
    }
}
