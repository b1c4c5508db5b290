package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.experiments.data.CifarBinary;
import org.parsimony.experiments.data.CifarFiles;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.io.ModelFiles;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.training.PriorSettings;
import org.parsimony.variational.training.TrainerConfig;
import org.parsimony.variational.training.VariationalTrainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VGG-16 (batch-normalised, width x0.25) on a tiny CIFAR-format set: trains, removes filters, exports and reloads. */
class TrainVgg16CifarCommandTest {
    private static final int[] QUARTER = {16, 16, 32, 32, 64, 64, 64, 128, 128, 128, 128, 128, 128, 128};

    @TempDir
    Path dir;

    @Test
    void trainAcceptsVgg16AtAQuarterWidthAndItsSavedModelScoresTheReportedAccuracy() throws IOException {
        Path data = CifarFiles.write(dir.resolve("cifar"), 60, 50);
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of("train", "--arch", "vgg16", "--width", "0.25", "--data-dir", data.toString(),
                "--epochs", "2", "--fine-tune", "0", "--warmup", "0", "--batch-size", "50", "--gate-lr", "0.5",
                "--patience", "1", "--pi-min", "0.3", "--augment", "--seed", "5", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("augmentation: random crop (pad 4) + horizontal flip"), run.out());
        assertTrue(run.out().contains("13 conv3x3-"), run.out());
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("vgg16", results.get("architecture").asText());
        assertArrayEquals(QUARTER, new ObjectMapper().convertValue(results.get("unitsStart"), int[].class));
        int[] kept = new ObjectMapper().convertValue(results.get("unitsKept"), int[].class);
        assertTrue(Arrays.stream(kept).sum() < Arrays.stream(QUARTER).sum(), "filters removed: " + Arrays.toString(kept));
        long params = 0;
        int in = 3;
        for (int l = 0; l < 13; l++) {
            params += 9L * in * QUARTER[l] + QUARTER[l];
            in = QUARTER[l];
        }
        params += 128L * 128 + 128 + 128 * 10 + 10;
        assertEquals(params, results.get("paramsDense").asLong());
        assertEquals("random crop (pad 4) + horizontal flip", results.get("config").get("augmentation").asText());

        DeterministicNetwork saved = ModelFiles.load(out.resolve("model.sdz"));
        assertFalse(saved.architecture().hasBatchNorm());
        int[] widths = saved.widths();
        assertArrayEquals(kept, Arrays.copyOfRange(widths, 1, widths.length - 1));
        TrainTestSplit split = CifarBinary.fromDirectory(data);
        assertEquals(results.get("testAccuracy").asDouble(), saved.accuracy(split.test()), 1e-12);
    }

    /** LeNet-5 takes the three channels; colour data, standardised per channel when read, are not standardised again. */
    @Test
    void lenet5TrainsOnColourImagesWithoutASecondStandardisation() throws IOException {
        Path data = CifarFiles.write(dir.resolve("cifar"), 40, 30);
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of("train", "--arch", "lenet5", "--widths", "4,6,16", "--data-dir", data.toString(),
                "--epochs", "1", "--fine-tune", "0", "--batch-size", "50", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertTrue(results.get("config").get("architecture").asText().startsWith("lenet5[3x32x32"), results.toString());
        assertTrue(results.get("inputStandardization").isNull(), results.toString());
        // conv1 25*3*4 + 4, conv2 25*4*6 + 6, dense 6*5*5*16 + 16, output 16*10 + 10
        assertEquals(304 + 606 + 2416 + 170, results.get("paramsDense").asLong());
        DeterministicNetwork saved = ModelFiles.load(out.resolve("model.sdz"));
        assertEquals(results.get("testAccuracy").asDouble(), saved.accuracy(CifarBinary.fromDirectory(data).test()), 1e-12);
    }

    @Test
    void aTrainedVgg16ExportsAndReloadsWithTheSameOutputs() {
        TrainTestSplit split = CifarBinary.fromDirectory(CifarFiles.write(dir.resolve("cifar"), 40, 20));
        Architecture quarter = Architecture.vgg16(CifarBinary.IMAGE, 10).scaled(0.25);
        VariationalTrainer trainer = new VariationalTrainer(TrainerConfig.builder().epochs(1).fineTuneEpochs(0)
                .warmupEpochs(0).batchSize(50).seed(3).build(), PriorSettings.defaults());
        VariationalNetwork network = trainer.initialize(quarter);
        DeterministicNetwork trained = trainer.train(network, split.train(), split.test(), null).network();
        // close two filters of the third convolution as their gates would, so the export is of a pruned net
        network.layer(2).gate().putScalar(0, 3, 0.1);
        network.layer(2).gate().putScalar(0, 7, 0.1);
        DeterministicNetwork pruned = network.toDeterministic();
        assertEquals(30, pruned.widths()[3]);
        Path file = dir.resolve("vgg16.sdz");
        ModelFiles.save(pruned, file, Map.of("seed", 3));
        DeterministicNetwork reloaded = ModelFiles.load(file);
        var x = Minibatch.of(split.test(), IntStream.range(0, 20).toArray(), 0, 20).features();
        assertEquals(0, network.decided().logits(x).sub(reloaded.logits(x)).amaxNumber().doubleValue(), 1e-4);
        assertEquals(0, pruned.logits(x).sub(reloaded.logits(x)).amaxNumber().doubleValue(), 1e-6);
        assertEquals(trained.widths().length, reloaded.widths().length);
    }
}
