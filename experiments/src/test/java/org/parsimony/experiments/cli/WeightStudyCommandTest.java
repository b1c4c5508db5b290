package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compare --granularity weights}, {@code --rounds} and the PFP / SiPP allocators, end to end on tiny data. */
class WeightStudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void aWeightStudyMasksWeightsRecordsBothAccuraciesAndPlotsAgainstTheKeptFraction() throws IOException {
        Path out = dir.resolve("weights");
        CommandRun run = CompareCommandTest.compare(out, "--granularity", "weights", "--ratios", "0.5,0.9", "--seeds", "1");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        List<String> lines = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals("dataset,arch,method,ratio,seed,accuracy_before,accuracy_after,params_kept,params_start,"
                + "params_fraction,flops_kept,flops_start,flops_fraction,units_kept,units_start,seconds", lines.get(0));
        List<String> rows = CompareCommandTest.numbers(out.resolve("runs.csv"));
        // the dense start and the five weight-level methods at two ratios
        assertEquals(11, rows.size(), String.join("\n", rows));
        long weights = 784 * 20 + 20 * 10 + 10 * 10;
        long parameters = weights + 40;
        boolean fineTuningChangedSomething = false;
        for (String method : List.of("magnitude", "mu", "mu-var", "random", "sipp")) {
            for (double ratio : new double[] {0.5, 0.9}) {
                String[] f = row(rows, method + "," + ratio + ",1,");
                double before = Double.parseDouble(f[5]);
                double after = Double.parseDouble(f[6]);
                assertTrue(before >= 0 && before <= 1 && after >= 0 && after <= 1, String.join(",", f));
                fineTuningChangedSomething |= before != after;
                assertEquals("20-10", f[13], "no unit is removed: " + String.join(",", f));
                assertEquals(Long.toString(parameters), f[8]);
                assertEquals(Long.toString(weights), f[11]);
                long keptWeights = Long.parseLong(f[10]);
                if (method.equals("sipp")) {
                    // SiPP's own allocation: the target counted over all parameters, biases kept, reached exactly
                    assertEquals(Math.round((1 - ratio) * parameters), Long.parseLong(f[7]), String.join(",", f));
                } else {
                    // a ranking masks round(r N) weights; the FLOPs are the non-zero multiply-adds
                    assertEquals(weights - Math.round(ratio * weights), keptWeights, String.join(",", f));
                    assertEquals(keptWeights + 40, Long.parseLong(f[7]), "stored sparse: non-zero weights and the biases");
                }
            }
        }
        assertTrue(fineTuningChangedSomething, String.join("\n", rows));
        Path plot = out.resolve("accuracy-vs-kept-weights-subset-mlp-20-10.png");
        assertNotNull(ImageIO.read(plot.toFile()), "the log-axis plot of accuracy against the kept fraction");
        assertTrue(Files.readString(out.resolve("summary.md")).contains("prunes single weights"));
        JsonNode budget = new ObjectMapper().readTree(out.resolve("study.json").toFile()).get("budget");
        assertEquals("weights", budget.get("granularity").asText());

        // rebuilding the report from the files draws the weight plot again
        Files.delete(plot);
        CommandRun report = CommandRun.of("compare", "--report-only", "--out", out.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(Files.exists(plot));
    }

    @Test
    void roundsComeFromAStudyFileAndPfpReachesItsParameterTargetWithinOneUnit() throws IOException {
        Path study = dir.resolve("study.json");
        Files.writeString(study, "{\"datasets\": [\"subset\"], \"archs\": [\"mlp:20,10\"], \"methods\": [\"pfp\", \"mu\"],"
                + " \"ratios\": [0.6], \"seeds\": [2], \"denseEpochs\": 1, \"fineTune\": 1, \"rounds\": 2}");
        Path out = dir.resolve("rounds");
        CommandRun run = CommandRun.of("compare", "--study", study.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        List<String> rows = CompareCommandTest.numbers(out.resolve("runs.csv"));
        assertEquals(3, rows.size(), String.join("\n", rows));
        String[] pfp = row(rows, "pfp,0.6,2,");
        long target = Math.round(0.4 * 16020);
        assertTrue(Math.abs(Long.parseLong(pfp[7]) - target) < 784 + 1 + 10, "kept " + pfp[7] + ", target " + target);
        assertNotEquals("20-10", pfp[13]);
        JsonNode budget = new ObjectMapper().readTree(out.resolve("study.json").toFile()).get("budget");
        assertEquals(2, budget.get("rounds").asInt());
        assertTrue(Files.readString(out.resolve("summary.md")).contains("in 2 rounds"));
    }

    @Test
    void methodsOutsideTheirGranularityAreRefusedInOneLine() {
        String[][] cases = {
                {"--methods", "sipp"},
                {"--granularity", "weights", "--methods", "variational"},
                {"--granularity", "weights", "--methods", "pfp"},
                {"--rounds", "0"},
                {"--granularity", "weights", "--methods", "mu-var", "--rounds", "2"}};
        String[] expected = {"the unit-level method is pfp", "leave it out of a weight study", "weight-level SiPP is sipp",
                "--rounds must be >= 1", "run it with --rounds 1"};
        for (int k = 0; k < cases.length; k++) {
            CommandRun run = CompareCommandTest.compare(dir.resolve("bad" + k), cases[k]);
            assertEquals(1, run.exitCode(), String.join(" ", cases[k]) + ": " + run.err());
            assertTrue(run.err().startsWith("error: ") && run.err().contains(expected[k]), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
    }

    /** The fields of the row of {@code key} ({@code method,ratio,seed,}), the architecture's name unquoted. */
    private static String[] row(List<String> rows, String key) {
        String line = rows.stream().map(l -> l.replace("\"mlp:20,10\"", "mlp")).filter(l -> l.contains(",mlp," + key))
                .findFirst().orElseThrow(() -> new AssertionError(key + " missing in\n" + String.join("\n", rows)));
        return line.split(",");
    }
}
