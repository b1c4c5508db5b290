package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.VariationalMlp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointResumeTest {
    @TempDir
    Path dir;

    private static final LabeledData TRAIN = VariationalTrainerTest.blobs(240, 21);

    private static TrainerConfig config() {
        return TrainerConfig.builder().epochs(5).fineTuneEpochs(1).warmupEpochs(1).batchSize(32).learningRate(1e-2)
                .gateLearningRate(0.5).patience(1).initialSigma(1e-2).seed(13).build();
    }

    private static final class Crash extends RuntimeException {
    }

    @Test
    void aResumedRunEndsWithTheSameNumbersAsAnUninterruptedOne() {
        VariationalTrainer trainer = new VariationalTrainer(config(), PriorSettings.defaults());
        TrainingResult uninterrupted = trainer.train(trainer.initialize(TRAIN, new int[] {16, 8}), TRAIN, TRAIN, null);
        assertResumeRepeats(trainer, TRAIN, new int[] {16, 8}, 3, uninterrupted);
    }

    @Test
    void aRunResumedRightAfterARemovalRepeatsTheUninterruptedOne() {
        // 784 inputs: the first layer's products are long sums, whose rounding depends on the route they take, and a
        // network whose units were just removed must take the route of the same network read from its checkpoint
        LabeledData wide = VariationalTrainerTest.blobs(512, 784, 8);
        int[] widths = {24, 12};
        VariationalTrainer trainer = new VariationalTrainer(config().toBuilder().epochs(6).batchSize(128).build(),
                PriorSettings.defaults());
        TrainingResult uninterrupted = trainer.train(trainer.initialize(wide, widths), wide, wide, null);
        int firstRemoval = 0;
        while (Arrays.equals(widths, uninterrupted.history().get(firstRemoval).liveUnits())) {
            firstRemoval++;
        }
        assertTrue(firstRemoval + 1 < 6, "units are removed before the last epoch: " + firstRemoval);
        assertResumeRepeats(trainer, wide, widths, firstRemoval + 1, uninterrupted);
    }

    /** Crashes a run after epoch {@code crashAfter}, resumes it, and checks every number against {@code uninterrupted}. */
    private void assertResumeRepeats(VariationalTrainer trainer, LabeledData data, int[] widths, int crashAfter,
                                     TrainingResult uninterrupted) {
        VariationalTrainer.Checkpointing checkpoints = new VariationalTrainer.Checkpointing(dir.resolve("run.ckpt"), 1);
        assertThrows(Crash.class, () -> trainer.train(trainer.initialize(data, widths), data, data,
                TrainingListener.onEpochs((report, total) -> {
                    if (report.epoch() == crashAfter) {
                        throw new Crash();
                    }
                }), checkpoints));
        assertEquals(crashAfter, CheckpointFile.read(checkpoints.file()).completedEpochs());

        VariationalTrainer.Resumed resumed = trainer.resume(data, data, null, checkpoints);
        TrainingResult r = resumed.result();
        assertEquals(uninterrupted.history().size(), r.history().size());
        for (int e = 0; e < r.history().size(); e++) {
            assertEquals(uninterrupted.history().get(e).loss(), r.history().get(e).loss(), 0.0, "epoch " + (e + 1));
            assertEquals(uninterrupted.history().get(e).accuracy(), r.history().get(e).accuracy(), 0.0);
            assertArrayEquals(uninterrupted.history().get(e).liveUnits(), r.history().get(e).liveUnits());
        }
        DeterministicMlp a = (DeterministicMlp) uninterrupted.network();
        DeterministicMlp b = (DeterministicMlp) r.network();
        assertArrayEquals(a.widths(), b.widths());
        for (int l = 0; l < a.layerCount(); l++) {
            assertArrayEquals(a.weight(l).data().asFloat(), b.weight(l).data().asFloat(), 0f);
            assertArrayEquals(a.bias(l).toFloatVector(), b.bias(l).toFloatVector(), 0f);
        }
        assertEquals(uninterrupted.history().size(), CheckpointFile.read(checkpoints.file()).completedEpochs(),
                "the last epoch is checkpointed too");
    }

    @Test
    void aCheckpointFromOtherSettingsIsRefused() {
        VariationalTrainer trainer = new VariationalTrainer(config(), PriorSettings.defaults());
        VariationalTrainer.Checkpointing checkpoints = new VariationalTrainer.Checkpointing(dir.resolve("run.ckpt"), 2);
        TrainerConfig short1 = config().toBuilder().epochs(1).fineTuneEpochs(0).build();
        VariationalTrainer first = new VariationalTrainer(short1, PriorSettings.defaults());
        first.train(first.initialize(TRAIN, new int[] {16, 8}), TRAIN, TRAIN, null, checkpoints);
        CheckpointException e = assertThrows(CheckpointException.class, () -> trainer.resume(TRAIN, TRAIN, null, checkpoints));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }

    @Test
    void missingCorruptTruncatedAndForeignFilesGiveCheckpointErrorsOnly() throws IOException {
        Path good = dir.resolve("good.ckpt");
        VariationalTrainer trainer = new VariationalTrainer(config().toBuilder().epochs(1).fineTuneEpochs(0).build(),
                PriorSettings.defaults());
        trainer.train(trainer.initialize(TRAIN, new int[] {16, 8}), TRAIN, TRAIN, null,
                new VariationalTrainer.Checkpointing(good, 1));
        byte[] bytes = Files.readAllBytes(good);

        assertTrue(assertThrows(CheckpointException.class, () -> CheckpointFile.read(dir.resolve("none.ckpt")))
                .getMessage().contains("not found"));
        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(CheckpointException.class, () -> CheckpointFile.read(truncated));
        Path foreign = dir.resolve("foreign.ckpt");
        Files.writeString(foreign, "{\"format\": \"something else\"}");
        assertThrows(CheckpointException.class, () -> CheckpointFile.read(foreign));

        // fuzz: 200 mutations (bit flips, byte overwrites, truncations, insertions); only CheckpointException may escape,
        // and a mutation the reader accepts must still give a complete checkpoint
        SplittableRandom random = new SplittableRandom(99);
        int rejected = 0;
        for (int i = 0; i < 200; i++) {
            byte[] mutated = mutate(bytes, random);
            Path file = dir.resolve("fuzz" + i + ".ckpt");
            Files.write(file, mutated);
            try {
                TrainingCheckpoint c = CheckpointFile.read(file);
                assertEquals(1, c.completedEpochs());
            } catch (CheckpointException expected) {
                assertTrue(expected.getMessage().contains(file.toString()), expected.getMessage());
                rejected++;
            }
        }
        assertTrue(rejected > 150, "most mutations must be detected, got " + rejected);
    }

    static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] b = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int k = 0; k < flips; k++) {
                    int pos = random.nextInt(b.length);
                    b[pos] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int pos = random.nextInt(b.length);
                int len = Math.min(b.length - pos, 1 + random.nextInt(64));
                for (int k = 0; k < len; k++) {
                    b[pos + k] = (byte) random.nextInt(256);
                }
            }
            case 2 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            default -> {
                int pos = random.nextInt(b.length);
                byte[] extra = new byte[1 + random.nextInt(32)];
                for (int k = 0; k < extra.length; k++) {
                    extra[k] = (byte) random.nextInt(256);
                }
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(extra, 0, out, pos, extra.length);
                System.arraycopy(b, pos, out, pos + extra.length, b.length - pos);
                b = out;
            }
        }
        return b;
    }

    @Test
    void aDivergingLossStopsTheRunWithAClearMessageAndKeepsTheLastGoodCheckpoint() {
        VariationalTrainer trainer = new VariationalTrainer(config(), PriorSettings.defaults());
        VariationalMlp network = trainer.initialize(TRAIN, new int[] {16, 8});
        Path file = dir.resolve("run.ckpt");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.train(network, TRAIN, TRAIN,
                TrainingListener.onEpochs((report, total) -> {
                    if (report.epoch() == 2) {
                        network.layer(0).weightMean().putScalar(0, 0, Float.NaN); // what an exploding step leaves behind
                    }
                }), new VariationalTrainer.Checkpointing(file, 1)));
        assertTrue(e.getMessage().contains("epoch 3") && e.getMessage().contains("NaN"), e.getMessage());
        TrainingCheckpoint last = CheckpointFile.read(file);
        assertEquals(2, last.completedEpochs(), "the checkpoint of the last good epoch is kept");
        assertTrue(Float.isFinite(last.arrays().get(ParameterKind.WEIGHT_MEAN.at(0)).getFloat(0, 0)));
    }

    @Test
    void checkpointIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new VariationalTrainer.Checkpointing(dir.resolve("x"), 0));
    }

    @Test
    void aNetworkRoundTripsExactly() {
        VariationalTrainer trainer = new VariationalTrainer(config().toBuilder().epochs(2).fineTuneEpochs(0).build(),
                PriorSettings.defaults());
        VariationalMlp network = trainer.initialize(TRAIN, new int[] {16, 8});
        Path file = dir.resolve("net.ckpt");
        trainer.train(network, TRAIN, TRAIN, null, new VariationalTrainer.Checkpointing(file, 1));
        TrainingCheckpoint c = CheckpointFile.read(file);
        assertArrayEquals(network.layer(0).weightMean().dup('c').data().asFloat(), c.arrays().get(ParameterKind.WEIGHT_MEAN.at(0)).data().asFloat(), 0f);
        assertArrayEquals(network.layer(1).gate().toFloatVector(), c.arrays().get(ParameterKind.GATE.at(1)).toFloatVector(), 0f);
        assertEquals(2, c.history().size());
    }
}
