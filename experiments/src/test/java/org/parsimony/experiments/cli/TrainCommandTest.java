package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.pruning.io.ModelFiles;
import org.parsimony.variational.network.DeterministicNetwork;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    @TempDir
    Path dir;


    @Test
    void trainsOnTheBundledDataAndWritesResultsWithProvenance() throws IOException {
        CommandRun run = CommandRun.of("train", "--epochs", "1", "--fine-tune", "1", "--widths", "40,20", "--seed", "7", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("epoch       1/2  loss"), run.out());
        assertTrue(run.out().contains("fine-tune   2/2  loss"), run.out());
        assertTrue(run.out().contains("test accuracy"), run.out());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        double accuracy = results.get("testAccuracy").asDouble();
        assertTrue(accuracy > 0.5 && accuracy <= 1.0, "accuracy " + accuracy);
        assertEquals(2, results.get("unitsKept").size());
        assertTrue(results.get("unitsKept").get(0).asInt() <= 40);
        assertTrue(results.get("paramsKept").asLong() <= results.get("paramsDense").asLong());
        assertTrue(results.get("flopsKept").asLong() > 0);
        assertTrue(results.get("peakResidentBytes").asLong() >= results.get("peakHeapBytes").asLong()
                && results.get("peakHeapBytes").asLong() > 0, "memory readings: " + results);
        assertEquals(7, results.get("seed").asLong());
        assertEquals(1, results.get("config").get("epochs").asInt());
        assertEquals(2, results.get("history").size());
        // inputs standardised by the training pixels' moments (Fashion-MNIST: mean 0.286, std 0.353), folded into the
        // saved model, which reads raw pixels and scores the reported accuracy on them
        JsonNode standardization = results.get("inputStandardization");
        assertEquals(0.286, standardization.get("mean").asDouble(), 0.01);
        assertEquals(0.353, standardization.get("std").asDouble(), 0.01);
        DeterministicNetwork saved = ModelFiles.load(dir.resolve("model.sdz"));
        assertEquals(accuracy, saved.accuracy(IdxImageDataset.bundledFashionMnistSubset().test()), 0.0);
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "results.json, model.sdz, its description and the checkpoint; no temporary file");
        }

        // the saved model is what `prune` reads: half of each hidden layer removed by magnitude
        Path pruneDir = dir.resolve("pruned");
        CommandRun prune = CommandRun.of("prune", "--model", dir.resolve("model.sdz").toString(), "--criterion", "magnitude",
                "--ratio", "0.5", "--fine-tune", "0", "--out", pruneDir.toString());
        assertEquals(0, prune.exitCode(), prune.err());
        JsonNode pruned = new ObjectMapper().readTree(pruneDir.resolve("prune.json").toFile()).get("result");
        int[] kept = {results.get("unitsKept").get(0).asInt(), results.get("unitsKept").get(1).asInt()};
        assertEquals(Math.round(kept[0] / 2.0), pruned.get("widthsAfter").get(1).asInt(), 1);
        assertEquals(Math.round(kept[1] / 2.0), pruned.get("widthsAfter").get(2).asInt(), 1);
        assertTrue(pruned.get("paramsAfter").asLong() < pruned.get("paramsBefore").asLong());
        assertTrue(prune.out().contains("FLOP reduction"), prune.out());
        // magnitude scores the saved weights: the dense network pruned is the saved model, not one trained further
        assertEquals(accuracy, pruned.get("accuracyDense").asDouble(), 0.0);
    }

    @Test
    void pruneRejectsACorruptModelWithAMessageNamingTheFile() throws IOException {
        Path bad = dir.resolve("model.sdz");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5});
        CommandRun run = CommandRun.of("prune", "--model", bad.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("model.sdz"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aResumeOnOtherlyScaledInputsIsRefusedAndKeepsTheCheckpoint() throws IOException {
        CommandRun first = CommandRun.of("train", "--epochs", "1", "--fine-tune", "0", "--widths", "8,4", "--out", dir.toString());
        assertEquals(0, first.exitCode(), first.err());
        byte[] checkpoint = Files.readAllBytes(dir.resolve("checkpoint.ckpt"));
        CommandRun raw = CommandRun.of("train", "--epochs", "2", "--fine-tune", "0", "--widths", "8,4", "--inputs", "raw",
                "--resume", "--out", dir.toString());
        assertEquals(1, raw.exitCode(), raw.out());
        assertTrue(raw.err().contains("other settings") && raw.err().contains("standardised"), raw.err());
        assertArrayEquals(checkpoint, Files.readAllBytes(dir.resolve("checkpoint.ckpt")));
        // the same inputs resume (here the run is already complete, so it only writes its results)
        CommandRun same = CommandRun.of("train", "--epochs", "1", "--fine-tune", "0", "--widths", "8,4", "--resume",
                "--out", dir.toString());
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(Files.exists(dir.resolve("results.json")));
    }

    @Test
    void badInputGivesOneClearLineAndNoOutput() {
        CommandRun piMin = CommandRun.of("train", "--pi-min", "1.5", "--out", dir.resolve("a").toString());
        assertEquals(1, piMin.exitCode());
        assertTrue(piMin.err().contains("piMin must be in (0, 1)"), piMin.err());
        assertFalse(piMin.err().contains("\tat "), "no stack trace: " + piMin.err());

        CommandRun widths = CommandRun.of("train", "--widths", "300,-1", "--out", dir.resolve("b").toString());
        assertEquals(1, widths.exitCode());
        assertTrue(widths.err().contains("--widths must be positive"), widths.err());

        CommandRun missing = CommandRun.of("train", "--data-dir", dir.resolve("nowhere").toString(), "--out", dir.resolve("c").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nowhere") && missing.err().contains("not found"), missing.err());
        CommandRun padded = CommandRun.of("train", "--arch", "vgg", "--inputs", "standardized", "--out", dir.resolve("d").toString());
        assertEquals(1, padded.exitCode());
        assertTrue(padded.err().contains("zero-padded first convolution") && padded.err().contains("--inputs raw"), padded.err());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("c"))
                || Files.exists(dir.resolve("d")));
    }

    @Test
    void aRunWhoseLossExplodesWarnsInTheLogAndInResults() throws IOException {
        CommandRun run = CommandRun.of("train", "--lr", "10", "--epochs", "2", "--fine-tune", "0", "--widths", "8,4",
                "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("  ! loss exploded in epoch 1: nll "), run.out());
        assertTrue(run.out().contains("warning: training diverged: the loss exploded in epochs [1"), run.out());
        JsonNode warnings = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("warnings");
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).asText().endsWith("lower the learning rate (10.0)"), warnings.toString());
        assertTrue(warnings.get(1).asText().startsWith("accuracy stayed at chance in every epoch"), warnings.toString());
    }

    @Test
    void helpShowsTheLibrarysDefaultValues() {
        CommandRun run = CommandRun.of("train", "--help");
        assertEquals(0, run.exitCode(), run.err());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: " + org.parsimony.variational.training.TrainerConfig.defaults().klWeight() + ")")
                && help.contains("(default: 40)") && help.contains("(default: PROJECTED_ADAM)"), run.out());
        assertTrue(!run.out().contains("trainer default"), run.out());
        assertTrue(help.contains("(default: sparse:2)"), "the inclusion hyper-prior's default in option form: " + run.out());
    }
}
