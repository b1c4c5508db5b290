package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.data.InputScaling;
import org.junit.jupiter.api.io.TempDir;

import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.experiments.study.StudyArchitecture;
import org.parsimony.experiments.study.RunLedger;
import org.parsimony.experiments.study.Shard;
import org.parsimony.experiments.study.StudyBudget;
import org.parsimony.experiments.study.StudyMethod;
import org.parsimony.experiments.study.StudyRunner;
import org.parsimony.experiments.study.StudySpec;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@code compare} study of a narrow LeNet-5 on the bundled subset: every method but SiPP, one ratio, one seed. */
class CompareConvCommandTest {
    @TempDir
    Path dir;

    /**
     * Runs the study in process on the first 1,000 training and 400 test examples of the bundled subset (a conv epoch on
     * all 10,000 takes half a minute on a loaded machine), then lets {@code compare --report-only} write the reports.
     */
    @Test
    void aConvStudyRecordsEveryMethodSummarisesAndPlots() throws IOException {
        Path out = dir.resolve("conv");
        TrainTestSplit subset = IdxImageDataset.bundledFashionMnistSubset();
        TrainTestSplit small = new TrainTestSplit(subset.train().head(1000), subset.test().head(400), subset.source(), subset.image());
        StudySpec spec = new StudySpec(List.of("subset"), StudyArchitecture.parseList("lenet5:4,6,16"),
                List.of(StudyMethod.variational, StudyMethod.parse("magnitude"), StudyMethod.parse("mu"), StudyMethod.parse("random")), List.of(0.5),
                List.of(1L), new StudyBudget(3, 1, 1, 20, InputScaling.standardized));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        StudyRunner.Outcome outcome = new StudyRunner(spec, name -> small, RunLedger.open(out, "runs.csv"), 1, Shard.ALL,
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
        assertEquals(5, outcome.executed(), progress.toString(StandardCharsets.UTF_8));
        CommandRun run = CommandRun.of("compare", "--report-only", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());

        List<String> rows = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals(6, rows.size(), String.join("\n", rows));
        // lenet5 4-6-16 on 28x28: conv1 25*4 + 4, conv2 25*4*6 + 6, dense 96*16 + 16, output 16*10 + 10
        long paramsDense = 104 + 606 + 1552 + 170;
        // conv1 24*24 * 25*4, conv2 8*8 * 25*4*6, dense 96*16, output 16*10
        long flopsDense = 57600 + 38400 + 1536 + 160;
        // half the filters and units: conv1 25*2 + 2, conv2 25*2*3 + 3, dense 48*8 + 8, output 8*10 + 10
        long paramsHalf = 52 + 153 + 392 + 90;
        long flopsHalf = 24 * 24 * 25 * 2 + 64 * 25 * 2 * 3 + 48 * 8 + 80;
        for (String method : List.of("magnitude", "mu", "random")) {
            String[] f = row(rows, ",\"lenet5:4,6,16\"," + method + ",0.5,1,");
            assertEquals("2-3-8", f[13], method + " keeps half of each gated layer");
            assertEquals("4-6-16", f[14]);
            assertEquals(paramsHalf, Long.parseLong(f[7]), method);
            assertEquals(paramsDense, Long.parseLong(f[8]), method);
            assertEquals(flopsHalf, Long.parseLong(f[10]), method);
            assertEquals(flopsDense, Long.parseLong(f[11]), method);
            double after = Double.parseDouble(f[6]);
            assertTrue(after >= 0 && after <= 1, method + ": " + String.join(",", f));
        }
        String[] dense = row(rows, ",\"lenet5:4,6,16\",dense,,1,");
        assertTrue(Double.parseDouble(dense[6]) > 0.25, "the dense start learned (chance is 0.1): " + dense[6]);
        String[] variational = row(rows, ",\"lenet5:4,6,16\",variational,auto,1,");
        assertEquals(paramsDense, Long.parseLong(variational[8]));
        assertTrue(Long.parseLong(variational[7]) <= paramsDense);

        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("## subset / lenet5:4,6,16"), summary);
        assertTrue(summary.contains("| mu | 0.5 | 0."), summary);
        assertTrue(summary.contains("| variational | auto | "), summary);
        for (String name : List.of("accuracy-vs-params-subset-lenet5-4-6-16.png", "accuracy-vs-flops-subset-lenet5-4-6-16.png",
                "units-variational-subset-lenet5-4-6-16.png")) {
            assertNotNull(ImageIO.read(out.resolve(name).toFile()), name);
        }
    }

    @Test
    void pfpOnAConvNetIsRejectedInOneLine() {
        CommandRun run = CommandRun.of("compare", "--datasets", "subset", "--archs", "lenet5", "--methods", "pfp",
                "--ratios", "0.5", "--seeds", "1", "--out", dir.resolve("pfp").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: architecture lenet5 is pruned by unit"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    private static String[] row(List<String> rows, String key) {
        String line = rows.stream().filter(l -> l.startsWith("subset" + key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " missing in\n" + String.join("\n", rows)));
        return line.replace("\"lenet5:4,6,16\"", "lenet5").split(",");
    }
}
