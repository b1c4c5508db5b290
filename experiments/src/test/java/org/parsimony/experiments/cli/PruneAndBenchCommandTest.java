package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.pruning.io.ModelFiles;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.network.DeterministicNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruneAndBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void sippPrunesTheRequestedShareOfUnitsLayerWise() throws IOException {
        CommandRun run = CommandRun.of("prune", "--widths", "20,10", "--dense-epochs", "1", "--criterion", "sipp",
                "--ratio", "0.5", "--fine-tune", "1", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode r = new ObjectMapper().readTree(dir.resolve("prune.json").toFile()).get("result");
        assertEquals("sipp", r.get("criterion").asText());
        assertEquals(10, r.get("widthsAfter").get(1).asInt());
        assertEquals(5, r.get("widthsAfter").get(2).asInt());
        assertTrue(r.get("accuracyFineTuned").asDouble() > 0.3, run.out());
        DeterministicNetwork saved = ModelFiles.load(dir.resolve("model.sdz"));
        assertArrayEquals(new int[] {784, 10, 5, 10}, saved.widths());
        assertEquals(r.get("accuracyFineTuned").asDouble(), saved.accuracy(IdxImageDataset.bundledFashionMnistSubset()
                .test()), 0.0, "model.sdz is the pruned, fine-tuned network of prune.json");
    }

    @Test
    void sippPrunesInTwoRoundsWithTheSensitivitiesOfEachRoundsNetwork() throws IOException {
        // round 2 ranks the units of round 1's smaller network; sensitivities of the dense net would not fit it
        CommandRun run = CommandRun.of("prune", "--widths", "20,10", "--dense-epochs", "1", "--criterion", "sipp",
                "--ratio", "0.75", "--rounds", "2", "--fine-tune", "1", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode r = new ObjectMapper().readTree(dir.resolve("prune.json").toFile()).get("result");
        assertEquals(5, r.get("widthsAfter").get(1).asInt());
        assertEquals(2, r.get("widthsAfter").get(2).asInt());
    }

    @Test
    void confidentPruningReportsEveryPValueAndTheCertifiedRatio() throws IOException {
        CommandRun run = CommandRun.of("prune", "--widths", "20,10", "--dense-epochs", "1", "--criterion", "magnitude",
                "--confident", "--alpha", "0.2", "--delta", "0.1", "--ratio-grid", "0.05,0.1,0.5,0.9", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode r = new ObjectMapper().readTree(dir.resolve("confident.json").toFile());
        assertEquals(4, r.get("calibration").get("pValues").size());
        double[] risks = new double[4];
        for (int k = 0; k < 4; k++) {
            risks[k] = r.get("calibration").get("empiricalRisks").get(k).asDouble();
        }
        assertTrue(risks[3] > risks[0], "removing 90% of the units disagrees more than removing 5%");
        int rejected = r.get("calibration").get("rejectedCount").asInt();
        if (rejected > 0) {
            assertEquals(r.get("calibration").get("ratios").get(rejected - 1).asDouble(), r.get("certifiedRatio").asDouble(), 0.0);
            assertTrue(r.get("evaluationRisk").asDouble() >= 0);
        } else {
            assertTrue(r.get("certifiedRatio").isNull());
            assertTrue(run.out().contains("no ratio certified"), run.out());
        }
    }

    @Test
    void impossibleConfidenceSettingsAreRejected() {
        CommandRun run = CommandRun.of("prune", "--widths", "20,10", "--dense-epochs", "1", "--confident", "--alpha", "1.5",
                "--out", dir.resolve("x").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("alpha"), run.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void benchPrintsTheTableWithItsTargets() {
        CommandRun run = CommandRun.of("bench", "--widths", "20,10", "--examples", "256", "--batch-size", "64",
                "--repeats", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("median of 1 passes after 0 untimed"), run.out());
        assertTrue(run.out().contains("step ratio"), run.out());
        assertTrue(run.out().contains("median of 1 rounds"), run.out());
        assertTrue(run.out().contains("no unit removed"), run.out());
        assertTrue(run.out().contains("10%"), run.out());
        assertTrue(run.out().contains("FLOP reduction"), run.out());
        assertTrue(run.out().contains("target >= 0.8"), run.out());
        assertTrue(run.out().contains("peak heap"), run.out());
        assertTrue(run.out().contains("deterministic, SameDiff graph"), run.out());
        CommandRun negative = CommandRun.of("bench", "--widths", "20,10", "--examples", "256", "--warmup", "-1");
        assertTrue(negative.exitCode() != 0, negative.out());
        assertTrue(negative.err().contains("warmup must be >= 0"), negative.err());
    }
}
