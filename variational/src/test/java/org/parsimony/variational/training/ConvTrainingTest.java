package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ConvPadding;
import org.parsimony.variational.network.DeterministicConvNet;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerSpec;
import org.parsimony.variational.network.VariationalNetwork;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer on a tiny conv net: filters are gated, removed and decided like units, and checkpoints resume. */
class ConvTrainingTest {
    /** 1x8x8 -> conv 8 3x3 (6x6) + pool (3x3) -> dense 12 -> 2 classes. */
    static final Architecture TINY = new Architecture("tiny", new ImageShape(1, 8, 8), List.of(
            LayerSpec.conv(8, 3, ConvPadding.VALID, true), LayerSpec.dense(12), LayerSpec.dense(2)));
    private static final LabeledData TRAIN = squares(400, 1);

    @TempDir
    Path dir;

    /** 8x8 images with a bright 3x3 square in the top-left (class 0) or bottom-right (class 1) corner, plus noise. */
    static LabeledData squares(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            int corner = y[i] == 0 ? 1 : 4;
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean on = r >= corner && r < corner + 3 && c >= corner && c < corner + 3;
                    x[i * 64 + r * 8 + c] = (float) Math.min(1, Math.max(0, (on ? 0.8 : 0.1) + 0.1 * random.nextGaussian()));
                }
            }
        }
        return new LabeledData(x, y, 64, 2);
    }

    private static TrainerConfig config() {
        return TrainerConfig.builder().epochs(6).fineTuneEpochs(1).warmupEpochs(1).batchSize(32).learningRate(1e-2)
                .gateLearningRate(0.5).patience(1).initialSigma(1e-2).seed(21).build();
    }

    @Test
    void filtersAreGatedRemovedAndDecidedLikeUnits() {
        VariationalTrainer trainer = new VariationalTrainer(config(), PriorSettings.defaults());
        VariationalNetwork network = trainer.initialize(TINY);
        TrainingResult result = trainer.train(network, TRAIN, TRAIN, null);

        int[] previous = {8, 12};
        for (EpochReport report : result.history()) {
            int[] live = report.liveUnits();
            assertTrue(live[0] <= previous[0] && live[1] <= previous[1], "widths never grow");
            assertTrue(live[0] >= 2 && live[1] >= 2, "never below the minimum width");
            previous = live;
        }
        for (int l = 0; l < 2; l++) {
            for (float t : network.layer(l).gate().toFloatVector()) {
                assertEquals(1.0f, t, "every kept gate is exactly 1 after the decision");
            }
        }
        assertTrue(previous[0] < 8, "filters were removed while training");
        DeterministicNetwork decided = result.network();
        assertInstanceOf(DeterministicConvNet.class, decided);
        assertArrayEquals(new int[] {64, previous[0], previous[1], 2}, decided.widths());
        assertEquals(TINY, result.architecture());
        assertTrue(decided.complexity().parameters() <= TINY.complexity().parameters());
        assertTrue(decided.accuracy(TRAIN) > 0.95, "accuracy " + decided.accuracy(TRAIN));
    }

    @Test
    void aResumedConvRunEndsWithTheSameNumbersAsAnUninterruptedOne() {
        VariationalTrainer trainer = new VariationalTrainer(config().toBuilder().epochs(3).build(), PriorSettings.defaults());
        TrainingResult uninterrupted = trainer.train(trainer.initialize(TINY), TRAIN, TRAIN, null);

        VariationalTrainer.Checkpointing checkpoints = new VariationalTrainer.Checkpointing(dir.resolve("conv.ckpt"), 1);
        assertThrows(IllegalStateException.class, () -> trainer.train(trainer.initialize(TINY), TRAIN, TRAIN,
                TrainingListener.onEpochs((report, total) -> {
                    if (report.epoch() == 2) {
                        throw new IllegalStateException("killed");
                    }
                }), checkpoints));
        Architecture other = TINY.withUnits(new int[] {6, 12, 2});
        assertThrows(CheckpointException.class, () -> trainer.resume(other, TRAIN, TRAIN, null, checkpoints));

        TrainingResult resumed = trainer.resume(TINY, TRAIN, TRAIN, null, checkpoints).result();
        assertEquals(uninterrupted.history().size(), resumed.history().size());
        for (int e = 0; e < resumed.history().size(); e++) {
            assertEquals(uninterrupted.history().get(e).loss(), resumed.history().get(e).loss(), 0.0, "epoch " + (e + 1));
            assertArrayEquals(uninterrupted.history().get(e).liveUnits(), resumed.history().get(e).liveUnits());
        }
        KilledRun.assertSameNetwork(uninterrupted.network(), resumed.network());
        assertEquals(TINY, resumed.architecture());
    }
}
