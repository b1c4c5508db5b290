package org.parsimony.pruning.criteria;

import org.junit.jupiter.api.Test;
import org.parsimony.pruning.PrunedNetwork;
import org.parsimony.pruning.Pruner;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutgoingL1CriterionTest {

    @Test
    void aUnitScoresTheL1NormOfItsOutgoingWeights() {
        DeterministicMlp net = DeterministicTrainer.initialize(new int[] {4, 3, 2}, 1);
        PosteriorStatistics s = PosteriorStatistics.pointEstimate(net);
        double[][] next = s.layer(1).weightMean().toDoubleMatrix();
        double[] expected = new double[3];
        for (int j = 0; j < 3; j++) {
            expected[j] = Math.abs(next[j][0]) + Math.abs(next[j][1]);
        }
        assertArrayEquals(expected, new OutgoingL1Criterion().unitScores(s).get(0), 1e-6);
    }

    @Test
    void onceRegisteredThePrunerUsesItByName() {
        PruningCriteria.register(OutgoingL1Criterion.TYPE);
        try {
            assertSame(OutgoingL1Criterion.TYPE, PruningCriteria.named("l1-outgoing"));
            DeterministicMlp net = DeterministicTrainer.initialize(new int[] {4, 6, 4, 2}, 3);
            LabeledData data = new LabeledData(new float[] {1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1},
                    new int[] {0, 1, 0, 1}, 4, 2);
            PrunedNetwork pruned = Pruner.of("l1-outgoing").toRatio(0.5).fineTune(0).timingRepeats(0)
                    .prune(net, PosteriorStatistics.pointEstimate(net), data, data);
            assertArrayEquals(new int[] {4, 3, 2, 2}, pruned.network().widths());
            assertEquals("l1-outgoing", pruned.report().criterion());
        } finally {
            PruningCriteria.unregister("l1-outgoing");
        }
        assertThrows(IllegalArgumentException.class, () -> Pruner.of("l1-outgoing"));
    }
}
