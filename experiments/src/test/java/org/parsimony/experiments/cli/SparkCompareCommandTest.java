package org.parsimony.experiments.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.experiments.spark.SparkRunExecutor;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare --spark} on embedded Spark: the numbers of the local workers, a task that fails once retried by Spark
 * with every run recorded once, and a driver killed mid-study resumed without repeating its finished runs.
 */
class SparkCompareCommandTest {
    @TempDir
    static Path dir;

    /** 2 methods x 2 ratios x 2 seeds (and the dense start of each seed): ten tasks of one run on Spark. */
    private static final List<String> STUDY = List.of("compare", "--datasets", "subset", "--archs", "mlp:20,10",
            "--methods", "magnitude,random", "--ratios", "0.5,0.7", "--seeds", "1,2", "--dense-epochs", "1",
            "--fine-tune", "1");
    private static List<String> withWorkers;

    private static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(STUDY);
        a.addAll(List.of(more));
        a.addAll(List.of("--out", out.toString()));
        return a.toArray(new String[0]);
    }

    private static List<String> rows(Path csv) throws Exception {
        return Files.exists(csv) ? Files.readAllLines(csv).stream().skip(1).toList() : List.of();
    }

    @BeforeAll
    static void runWithTwoWorkers() throws Exception {
        Path out = dir.resolve("workers");
        CommandRun run = CommandRun.of(args(out, "--workers", "2"));
        assertEquals(0, run.exitCode(), run.err());
        withWorkers = CompareCommandTest.numbers(out.resolve("runs.csv"));
        assertEquals(10, withWorkers.size());
    }

    @Test
    void embeddedSparkGivesTheNumbersOfTheLocalWorkers() throws Exception {
        Path out = dir.resolve("spark");
        CommandRun run = CommandRun.of(args(out, "--workers", "2", "--spark"));
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("10 to run on Spark local[2,4]"), run.out());
        assertTrue(run.out().contains("10/10"), "a progress line per run: " + run.out());
        assertEquals(withWorkers, CompareCommandTest.numbers(out.resolve("runs.csv")), "every number of every run");
        assertTrue(Files.readString(out.resolve(CompareCommand.STUDY_JSON)).contains("on Spark local[2,4]"));
        assertTrue(Files.exists(out.resolve(CompareCommand.SUMMARY)));
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndEveryRunIsRecordedOnce() throws Exception {
        Path out = dir.resolve("retried");
        CommandRun run;
        System.setProperty(SparkRunExecutor.FAIL_FIRST_ATTEMPT, "subset mlp:20,10 random ratio 0.7 seed 2");
        try {
            run = CommandRun.of(args(out, "--spark", "local[2,4]"));
        } finally {
            System.clearProperty(SparkRunExecutor.FAIL_FIRST_ATTEMPT);
        }
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("task of subset mlp:20,10 random ratio 0.7 seed 2 failed on attempt 1"),
                run.out());
        assertTrue(run.out().contains("injected failure of the first attempt of subset mlp:20,10 random ratio 0.7 seed 2"),
                run.out());
        assertTrue(run.out().contains("10/10"), run.out());
        List<String> rows = rows(out.resolve("runs.csv"));
        assertEquals(10, rows.size(), "each run recorded once: " + rows);
        assertEquals(withWorkers, CompareCommandTest.numbers(out.resolve("runs.csv")));
    }

    @Test
    void aDriverKilledMidStudyIsResumedWithoutRepeatingFinishedRuns() throws Exception {
        Path out = dir.resolve("killed");
        Path csv = out.resolve("runs.csv");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g"));
        // the flags Spark needs on JDK 17, as this JVM got them from the build
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ParsimonyCommand.class.getName()));
        command.addAll(List.of(args(out, "--spark", "local[1]")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process driver = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (rows(csv).size() < 5 && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(driver.isAlive(), "the driver should still be running when killed: "
                + Files.readString(dir.resolve("killed.log")));
        driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        List<String> beforeKill = rows(csv);
        assertTrue(beforeKill.size() >= 5 && beforeKill.size() < 10, "killed mid-study with " + beforeKill.size() + " runs");

        CommandRun rerun = CommandRun.of(args(out, "--workers", "2", "--spark"));
        assertEquals(0, rerun.exitCode(), rerun.err() + rerun.out());
        assertTrue(rerun.out().contains("skipped " + beforeKill.size() + " finished runs, " + (10 - beforeKill.size())
                + " to run on Spark"), rerun.out());
        List<String> after = rows(csv);
        assertEquals(10, new HashSet<>(after).size(), "one row per run: " + after);
        for (String row : beforeKill) {
            assertTrue(after.contains(row), "the finished run is kept as it was, not repeated: " + row);
        }
        assertEquals(withWorkers, CompareCommandTest.numbers(csv));
    }
}
