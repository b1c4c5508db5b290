package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.IdxFile;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.pruning.io.ConvModelFile;
import org.parsimony.pruning.io.ModelFiles;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicConvNet;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code parsimony train --arch lenet5} on the bundled subset, at reduced widths so that it runs in seconds. */
class TrainConvCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsANarrowLenet5OnTheBundledDataAndCountsItsFilters() throws IOException {
        CommandRun run = CommandRun.of("train", "--arch", "lenet5", "--widths", "4,6,16", "--epochs", "1", "--fine-tune", "0",
                "--batch-size", "200", "--lr", "1e-2",
                "--seed", "3", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("hidden layer 1 filters"), run.out());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("lenet5", results.get("architecture").asText());
        assertEquals(3, results.get("unitsKept").size());
        assertTrue(results.get("unitsKept").get(0).asInt() <= 4 && results.get("unitsKept").get(0).asInt() >= 2);
        // conv1 25*4 + 4, conv2 25*4*6 + 6, dense 6*4*4*16 + 16, output 16*10 + 10
        assertEquals(104 + 606 + 1552 + 170, results.get("paramsDense").asLong());
        // conv1 24*24 * 25*4, conv2 8*8 * 25*4*6, dense 96*16, output 16*10
        assertEquals(57600 + 38400 + 1536 + 160, results.get("flopsDense").asLong());
        assertTrue(results.get("paramsKept").asLong() <= results.get("paramsDense").asLong());
        double accuracy = results.get("testAccuracy").asDouble();
        // one epoch of a 4-6-16 net whose posterior starts at half the prior's scale: well above chance (0.1), not more
        assertTrue(accuracy > 0.2 && accuracy <= 1.0, "accuracy " + accuracy);
        assertTrue(results.get("config").get("architecture").asText().startsWith("lenet5[1x28x28"));

        // the final network is saved, at the reported widths, and scores the reported accuracy
        DeterministicNetwork saved = ModelFiles.load(dir.resolve("model.sdz"));
        assertInstanceOf(DeterministicConvNet.class, saved);
        assertEquals("lenet5", saved.architecture().name());
        int[] widths = saved.widths();
        int[] kept = new ObjectMapper().convertValue(results.get("unitsKept"), int[].class);
        assertArrayEquals(kept, Arrays.copyOfRange(widths, 1, widths.length - 1));
        assertEquals(results.get("paramsKept").asLong(), saved.complexity().parameters());
        assertEquals(accuracy, saved.accuracy(IdxImageDataset.bundledFashionMnistSubset().test()), 0.0);
        assertTrue(run.out().contains("model.sdz"), run.out());
    }

    @Test
    void pruneTakesASavedConvModelAndSavesTheSmallerOne() throws IOException {
        Path model = savedLenet5(2, 3, 4);
        CommandRun run = CommandRun.of("prune", "--model", model.toString(), "--criterion", "magnitude", "--ratio", "0.5",
                "--fine-tune", "1", "--out", dir.resolve("out").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode r = new ObjectMapper().readTree(dir.resolve("out/prune.json").toFile()).get("result");
        // each gated layer keeps max(1, n - round(0.5 n)): 2 -> 1 and 3 -> 1 filters, 4 -> 2 units
        assertArrayEquals(new int[] {784, 1, 1, 2, 10}, new ObjectMapper().convertValue(r.get("widthsAfter"), int[].class));
        DeterministicNetwork saved = ModelFiles.load(dir.resolve("out/model.sdz"));
        assertInstanceOf(DeterministicConvNet.class, saved);
        assertEquals(r.get("paramsAfter").asLong(), saved.complexity().parameters());
        assertEquals(r.get("accuracyFineTuned").asDouble(), saved.accuracy(IdxImageDataset.bundledFashionMnistSubset()
                .test()), 0.0);
    }

    /** A fresh LeNet-5 of these gated widths for 28x28 images, saved as {@code dir/lenet/model.sdz}. */
    private Path savedLenet5(int... widths) {
        Architecture architecture = Architecture.lenet5(new ImageShape(1, 28, 28), 10).withGatedUnits(widths);
        Path model = dir.resolve("lenet/model.sdz");
        ConvModelFile.save((DeterministicConvNet) LikelihoodGraphTrainer.initialize(architecture, 1), model);
        return model;
    }

    /** Iterative pruning of a saved LeNet-5: two rounds, each fine-tuned, the model of the last one saved. */
    @Test
    void pruneTakesASavedConvModelThroughTwoRounds() throws IOException {
        Path model = savedLenet5(4, 6, 16);
        CommandRun run = CommandRun.of("prune", "--model", model.toString(), "--criterion", "mu", "--ratio", "0.5",
                "--rounds", "2", "--fine-tune", "1", "--bootstrap-window", "5", "--out", dir.resolve("out").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/prune.json").toFile());
        assertEquals(2, report.get("rounds").asInt());
        JsonNode r = report.get("result");
        // after both rounds each gated layer keeps max(1, n - round(0.5 n)) of its original width
        assertArrayEquals(new int[] {784, 2, 3, 8, 10}, new ObjectMapper().convertValue(r.get("widthsAfter"), int[].class));
        assertEquals(1, r.get("fineTuneEpochs").asInt());
        DeterministicNetwork saved = ModelFiles.load(dir.resolve("out/model.sdz"));
        assertEquals(r.get("accuracyFineTuned").asDouble(), saved.accuracy(IdxImageDataset.bundledFashionMnistSubset()
                .test()), 0.0);
    }

    @Test
    void pruneRefusesToCertifyASavedConvModelWithOneClearLine() {
        Path model = savedLenet5(2, 3, 4);
        CommandRun run = CommandRun.of("prune", "--model", model.toString(), "--confident", "--out",
                dir.resolve("out").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("model.sdz: --confident certifies MLPs; this is a lenet5 conv net"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void widthsThatDoNotFitTheArchitectureGiveOneClearLine() {
        CommandRun run = CommandRun.of("train", "--arch", "lenet5", "--widths", "4,6", "--out", dir.resolve("a").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("3 gated layers"), run.err());
        CommandRun unknown = CommandRun.of("train", "--arch", "resnet", "--out", dir.resolve("b").toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("--arch must be mlp, lenet5, vgg, vgg16, resnet20 or resnet56"), unknown.err());
        // a residual stream's layers must have one width: the block's second convolution adds the stem's output
        CommandRun uncoupled = CommandRun.of("train", "--arch", "resnet20", "--widths",
                "4,4,5,4,4,4,4,8,8,8,8,8,8,8,16,16,16,16,16,16,16", "--out", dir.resolve("c").toString());
        assertEquals(1, uncoupled.exitCode());
        assertTrue(uncoupled.err().startsWith("error: ") && uncoupled.err().contains("adds layer 0's"), uncoupled.err());
        assertEquals(1, uncoupled.err().strip().lines().count(), uncoupled.err());
    }

    @Test
    void aConvNetOnNonSquareImagesIsRefusedNamingBothShapes() throws IOException {
        // 16x49 images have the 784 pixels of 28x28 ones; lenet5 would read them as 28x28
        Path data = Files.createDirectory(dir.resolve("data"));
        byte[] labels = new byte[20];
        byte[] pixels = new byte[20 * 16 * 49];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) (k * 31);
        }
        for (String split : new String[] {"train", "t10k"}) {
            Files.write(data.resolve(split + "-images-idx3-ubyte.gz"),
                    new IdxFile(new int[] {20, 16, 49}, pixels).toGzipBytes());
            Files.write(data.resolve(split + "-labels-idx1-ubyte.gz"), new IdxFile(new int[] {20}, labels).toGzipBytes());
        }
        CommandRun run = CommandRun.of("train", "--arch", "lenet5", "--widths", "2,2,4", "--epochs", "1", "--fine-tune", "0",
                "--data-dir", data.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals("error: lenet5 takes square images (1x28x28 for 784 pixels), the data's images are "
                + "1x16x49", run.err().strip());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
