package org.parsimony.pruning.policy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicConvNet;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A LeNet-5 (at small widths) through the same iterative schedule and trainer as an MLP. */
class ConvPruningScheduleTest {
    private static final Architecture LENET5 = Architecture.lenet5(new ImageShape(1, 28, 28), 3)
            .withGatedUnits(new int[] {4, 6, 16});
    private static final FineTuneConfig TRAIN = FineTuneConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(2);
    private static final LabeledData DATA = SyntheticData.blobs(160, 784, 3, 4);

    @Test
    void lenet5IsPrunedInTwoRoundsAndFineTunedAfterEach() {
        DeterministicNetwork dense = new DeterministicTrainer(TRAIN).train(LikelihoodGraphTrainer.initialize(LENET5, 1),
                DATA, null, null);
        PosteriorStatistics statistics = PosteriorStatistics.pointEstimate(dense);
        PruningSchedule schedule = PruningSchedule.toRatio(new MagnitudeCriterion(), 0.5, RatioScope.LAYER_WISE, 2);
        List<int[]> roundWidths = new ArrayList<>();
        PruningOutcome<DeterministicNetwork> tuned = schedule.withFineTuning(TRAIN.forFineTuning())
                .run(dense, statistics, DATA, (round, network) -> roundWidths.add(network.widths()));
        PruningOutcome<DeterministicNetwork> untuned = schedule.run(dense, statistics, null);

        // cumulative ratios 1 - 0.5^(1/2) = 0.29 and 0.5 of the original widths 4, 6, 16
        assertArrayEquals(new int[] {784, 3, 4, 11, 3}, roundWidths.get(0));
        assertArrayEquals(new int[] {784, 2, 3, 8, 3}, roundWidths.get(1));
        assertEquals(2, tuned.rounds().size());
        assertEquals(tuned.network().complexity().parameters(), tuned.rounds().get(1).parameters());
        assertInstanceOf(DeterministicConvNet.class, tuned.network());
        assertNull(tuned.mask(), "a weight mask does not describe a conv net");
        assertArrayEquals(untuned.network().widths(), tuned.network().widths());
        for (int l = 0; l < tuned.network().layerCount(); l++) {
            assertNotEquals(untuned.network().weight(l), tuned.network().weight(l), "layer " + l + " was fine-tuned");
        }
        assertTrue(tuned.network().accuracy(DATA) > 1.0 / 3, "accuracy " + tuned.network().accuracy(DATA));
    }

    @Test
    void theTrainerTrainsAConvNetAsTheLikelihoodGraphTrainerDoesAndRefusesAMask() {
        DeterministicNetwork start = LikelihoodGraphTrainer.initialize(LENET5, 3);
        DeterministicNetwork viaTrainer = new DeterministicTrainer(TRAIN).train(start, DATA, null, null);
        DeterministicNetwork viaGraph = new LikelihoodGraphTrainer(TRAIN).train(start, DATA, null);
        for (int l = 0; l < start.layerCount(); l++) {
            assertEquals(viaGraph.weight(l), viaTrainer.weight(l));
            assertEquals(viaGraph.bias(l), viaTrainer.bias(l));
        }
        IllegalArgumentException masked = assertThrows(IllegalArgumentException.class, () -> new DeterministicTrainer(TRAIN)
                .train(start, DATA, WeightMask.dense(new int[] {784, 4, 6, 16, 3}), null));
        assertTrue(masked.getMessage().contains("MLPs"), masked.getMessage());
        INDArray x = SyntheticData.inputs(3, 784, 1);
        assertEquals(start.logits(x), LikelihoodGraphTrainer.initialize(LENET5, 3).logits(x), "the input was not modified");
    }
}
