package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.experiments.study.ResultsCsv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kills a comparison study in a separate JVM after a few runs and checks that the rerun finishes it without repeating any. */
class KilledStudyResumeTest {
    @TempDir
    Path dir;

    private static final String[] STUDY = {"compare", "--datasets", "subset", "--archs", "mlp:20,10", "--methods",
            "magnitude,random", "--ratios", "0.3,0.5,0.7", "--seeds", "1", "--dense-epochs", "1", "--fine-tune", "1"};

    private static String[] args(Path out) {
        List<String> a = new ArrayList<>(List.of(STUDY));
        a.addAll(List.of("--out", out.toString()));
        return a.toArray(new String[0]);
    }

    private static List<String> rows(Path csv) throws Exception {
        return Files.exists(csv) ? Files.readAllLines(csv).stream().skip(1).toList() : List.of();
    }

    @Test
    void aStudyKilledMidRunResumesWithoutRepeatingFinishedRuns() throws Exception {
        Path out = dir.resolve("study");
        Path csv = out.resolve("runs.csv");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-cp",
                System.getProperty("java.class.path"), ParsimonyCommand.class.getName()));
        command.addAll(List.of(args(out)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (rows(csv).size() < 3 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), "the study should still be running when killed: " + Files.readString(dir.resolve("killed.log")));
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        List<String> beforeKill = rows(csv);
        assertTrue(beforeKill.size() >= 3 && beforeKill.size() < 7, "killed mid-study with " + beforeKill.size() + " runs");

        CommandRun rerun = CommandRun.of(args(out));
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertTrue(rerun.out().contains("skipped " + beforeKill.size() + " finished runs, " + (7 - beforeKill.size())
                + " to run"), rerun.out());
        List<String> after = Files.readAllLines(csv);
        assertEquals(ResultsCsv.HEADER, after.get(0));
        assertEquals(8, after.size(), "header and one row per run: " + after);
        assertEquals(7, new HashSet<>(after.subList(1, 8)).size(), "no duplicate rows");
        for (String row : beforeKill) {
            assertTrue(after.contains(row), "the finished run is kept as it was, not repeated: " + row);
        }
        for (String row : after.subList(1, 8)) {
            assertEquals(16, row.replace("\"mlp:20,10\"", "mlp").split(",", -1).length, "well-formed row: " + row);
        }
    }
}
