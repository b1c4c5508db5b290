package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {
    @TempDir
    Path dir;

    /** Tiny settings shared by the tests: the bundled subset, one epoch of everything. */
    static final List<String> TINY = List.of("--datasets", "subset", "--archs", "mlp:20,10", "--dense-epochs", "1",
            "--epochs", "1", "--fine-tune", "1");

    static CommandRun compare(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(TINY);
        args.addAll(List.of(extra));
        args.add("--out");
        args.add(out.toString());
        return CommandRun.of(args.toArray(new String[0]));
    }

    /** The rows of a runs.csv without the header and without the seconds column (timing is not reproducible). */
    static List<String> numbers(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void aStudyRecordsEveryRunSummarisesAndPlotsAndARerunSkipsThem() throws IOException {
        Path out = dir.resolve("study");
        CommandRun run = compare(out, "--methods", "variational,magnitude,random", "--ratios", "0.5", "--seeds", "1,2");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("study: 8 runs; skipped 0 finished runs, 8 to run with 1 worker"), run.out());
        assertTrue(run.out().contains("8/8"), "progress reaches the end: " + run.out());
        assertTrue(run.out().contains("ETA"), run.out());

        List<String> lines = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals(9, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("dataset,arch,method,ratio,seed,accuracy_before,accuracy_after,params_kept"));
        assertTrue(lines.contains(lines.stream().filter(l -> l.startsWith("subset,\"mlp:20,10\",dense,,1,")).findFirst().orElse("")));
        String magnitude = lines.stream().filter(l -> l.startsWith("subset,\"mlp:20,10\",magnitude,0.5,2,")).findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", lines)));
        String[] f = magnitude.replace("\"mlp:20,10\"", "mlp").split(",");
        assertEquals("10-5", f[13], "half of each hidden layer kept");
        assertEquals("20-10", f[14]);
        assertTrue(Double.parseDouble(f[6]) > 0.3, magnitude);
        assertTrue(Double.parseDouble(f[9]) < 0.6, "params fraction " + magnitude);
        assertTrue(lines.stream().anyMatch(l -> l.contains(",variational,auto,1,")), String.join("\n", lines));

        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("## subset / mlp:20,10"), summary);
        assertTrue(summary.contains("Dense baseline accuracy: 0."), summary);
        assertTrue(summary.contains("(n = 2; seeds 1, 2)"), summary);
        assertTrue(summary.contains("| magnitude | 0.5 | 0."), summary);
        assertTrue(summary.contains("| variational | auto | "), summary);
        assertTrue(summary.contains("Equal budget"), summary);
        assertTrue(summary.lines().filter(l -> l.startsWith("| random | 0.5 |")).allMatch(l -> l.endsWith("| 2 |")), summary);

        List<String> plots = List.of("accuracy-vs-params-subset-mlp-20-10.png", "accuracy-vs-flops-subset-mlp-20-10.png",
                "units-variational-subset-mlp-20-10.png");
        List<byte[]> firstBytes = new ArrayList<>();
        for (String name : plots) {
            Path png = out.resolve(name);
            assertTrue(run.out().contains(png.toAbsolutePath().toString()), "the command prints " + name);
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, name + " decodes");
            assertEquals(800, image.getWidth());
            assertEquals(560, image.getHeight());
            firstBytes.add(Files.readAllBytes(png));
        }

        String csvBefore = Files.readString(out.resolve("runs.csv"));
        CommandRun rerun = compare(out, "--methods", "variational,magnitude,random", "--ratios", "0.5", "--seeds", "1,2");
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertTrue(rerun.out().contains("skipped 8 finished runs, 0 to run"), rerun.out());
        assertTrue(rerun.out().contains("executed 0 runs"), rerun.out());
        assertEquals(csvBefore, Files.readString(out.resolve("runs.csv")));
        for (int i = 0; i < plots.size(); i++) {
            assertArrayEquals(firstBytes.get(i), Files.readAllBytes(out.resolve(plots.get(i))),
                    plots.get(i) + " is the same image from the same runs.csv");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void workersAndShardsGiveTheNumbersOfOneSequentialRun() throws IOException {
        String[] study = {"--methods", "magnitude,variational", "--ratios", "0.5", "--seeds", "1,2"};
        Path sequential = dir.resolve("sequential");
        assertEquals(0, compare(sequential, study).exitCode());
        Path parallel = dir.resolve("parallel");
        List<String> withWorkers = new ArrayList<>(List.of(study));
        withWorkers.addAll(List.of("--workers", "2"));
        CommandRun two = compare(parallel, withWorkers.toArray(new String[0]));
        assertEquals(0, two.exitCode(), two.err());
        assertTrue(two.out().contains("with 2 workers"), two.out());
        assertEquals(numbers(sequential.resolve("runs.csv")), numbers(parallel.resolve("runs.csv")));
        assertEquals(6, numbers(parallel.resolve("runs.csv")).size());

        Path shard0 = dir.resolve("shard0");
        Path shard1 = dir.resolve("shard1");
        for (int k = 0; k < 2; k++) {
            List<String> args = new ArrayList<>(List.of(study));
            args.addAll(List.of("--shard", k + "/2"));
            CommandRun shard = compare(k == 0 ? shard0 : shard1, args.toArray(new String[0]));
            assertEquals(0, shard.exitCode(), shard.err());
            assertTrue(shard.out().contains("(shard " + k + "/2: 3)"), shard.out());
        }
        assertEquals(3, numbers(shard1.resolve("runs-shard-1-of-2.csv")).size());
        Path merged = dir.resolve("merged");
        CommandRun report = CommandRun.of("compare", "--report-only", "--out", merged.toString(), "--merge",
                shard0.toString(), "--merge", shard1.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertEquals(numbers(sequential.resolve("runs.csv")), numbers(merged.resolve("runs.csv")));
        String summary = Files.readString(merged.resolve(CompareCommand.SUMMARY));
        assertTrue(summary.contains("| magnitude | 0.5 |"), summary);
        assertTrue(summary.contains("Equal budget"), "the budget is read from the merged directories: " + summary);
        assertTrue(Files.exists(merged.resolve("accuracy-vs-params-subset-mlp-20-10.png")));
    }

    @Test
    void theRobustnessPresetVariesOneFactorAtATimeWithDenseReferencesAndPlots() throws IOException {
        Path out = dir.resolve("robustness");
        CommandRun run = CommandRun.of("compare", "--preset", "robustness", "--datasets", "subset:400,subset:800",
                "--archs", "mlp:12,6,mlp:24,12", "--variants", "lr=3e-3", "--seeds", "1",
                "--dense-epochs", "1", "--epochs", "1", "--fine-tune", "0", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        // per data set: mlp:12,6 dense, defaults, lr=3e-3; mlp:24,12 dense, defaults (variants on the first arch only)
        assertTrue(run.out().contains("study: 10 runs"), run.out());
        assertTrue(run.out().contains("stratified 400 of 10000 training examples"), run.out());
        String table = Files.readString(out.resolve(CompareCommand.ROBUSTNESS));
        assertTrue(table.contains("## subset:400") && table.contains("## subset:800"), table);
        assertTrue(table.contains("| mlp:12,6 [12, 6] | defaults | "), table);
        assertTrue(table.contains("| mlp:12,6 [12, 6] | [lr=3e-3] | "), table);
        assertTrue(table.contains("| mlp:24,12 [24, 12] | defaults | "), table);
        assertFalse(table.contains("| mlp:24,12 [24, 12] | [lr=3e-3]"), table);
        assertEquals(6, table.lines().filter(l -> l.startsWith("| mlp:") && l.contains(" pts | 1 |")).count(),
                "every row has its dense reference:\n" + table);
        assertTrue(Files.exists(out.resolve("robustness-units-vs-width.png")));
        assertTrue(Files.exists(out.resolve("robustness-vs-training-size-mlp-12-6.png")));
        assertEquals(11, Files.readAllLines(out.resolve("runs.csv")).size());
    }

    @Test
    void badInputIsOneLineAndExitCodeOne() throws IOException {
        Path study = dir.resolve("study.json");
        Files.writeString(study, "{\"datasets\": [\"subset\"], \"archs\": [\"lenet300\"], \"colour\": 3}");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"datasets\": [\"subset\"");
        Path badInputs = dir.resolve("inputs.json");
        Files.writeString(badInputs, "{\"datasets\": [\"subset\"], \"inputs\": \"whitened\"}");
        String[][] cases = {
                {"--methods", "nonsense"}, {"--methods", "gate"}, {"--archs", "resnet"}, {"--archs", "mlp:20,x"},
                {"--ratios", "1.5"}, {"--ratios", "half"}, {"--datasets", "cifar"}, {"--study", study.toString()},
                {"--study", broken.toString()}, {"--study", dir.resolve("missing.json").toString()}, {"--shard", "2/2"},
                {"--preset", "speed"}, {"--workers", "0"}, {"--study", badInputs.toString()}};
        for (String[] bad : cases) {
            List<String> args = new ArrayList<>(List.of("compare", "--seeds", "1"));
            args.addAll(List.of(bad));
            args.addAll(List.of("--out", dir.resolve("bad").toString()));
            CommandRun run = CommandRun.of(args.toArray(new String[0]));
            assertEquals(1, run.exitCode(), String.join(" ", bad) + ": " + run.err());
            assertTrue(run.err().startsWith("error: "), run.err());
            assertEquals(1, run.err().strip().lines().count(), "one line, no stack trace: " + run.err());
        }
    }

    @Test
    void anUnknownInputScalingIsAUsageErrorNamingTheChoices() {
        CommandRun run = CommandRun.of("compare", "--inputs", "whitened", "--out", dir.resolve("bad").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("expected one of [standardized, raw]"), run.err());
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    @Test
    void aStudyFileDefinesTheStudyAndFlagsOverrideIt() throws IOException {
        Path study = dir.resolve("study.json");
        Files.writeString(study, "{\"datasets\": [\"subset\"], \"archs\": [\"mlp:8\"], \"methods\": [\"random\"],"
                + " \"ratios\": [0.25, 0.5], \"seeds\": [4], \"denseEpochs\": 1, \"fineTune\": 0, \"inputs\": \"raw\"}");
        Path out = dir.resolve("from-file");
        CommandRun run = CommandRun.of("compare", "--study", study.toString(), "--ratios", "0.5", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = numbers(out.resolve("runs.csv"));
        assertEquals(2, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).startsWith("subset,mlp:8,dense,,4,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("subset,mlp:8,random,0.5,4,"), rows.get(1));
        assertTrue(rows.get(1).endsWith(",4,8"), "units kept and start: " + rows.get(1));
        assertEquals("raw", new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("study.json").toFile())
                .get("budget").get("inputs").asText());
        assertTrue(Files.readString(out.resolve("summary.md")).contains("Inputs: raw pixels in [0, 1]."));

        // the same study on standardised inputs would not be comparable: refused, nothing run
        CommandRun other = CommandRun.of("compare", "--study", study.toString(), "--inputs", "standardized", "--out", out.toString());
        assertEquals(1, other.exitCode(), other.out());
        assertTrue(other.err().contains("another budget"), other.err());
    }
}
