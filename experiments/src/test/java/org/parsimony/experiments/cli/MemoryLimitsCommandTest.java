package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.IdxFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests larger than the memory of the process are refused in one line before anything large is allocated. Each case
 * runs the command line in its own JVM with a small heap, as the launcher does ({@code -Xmx}), so the limits are those of
 * a user's run, not of the test JVM.
 */
class MemoryLimitsCommandTest {
    @TempDir
    Path dir;

    /** Exit code and output (stdout and stderr) of the command line in a JVM with {@code -Xmx<heap>}. */
    private record Outcome(int exitCode, String output, double seconds) {
    }

    private Outcome run(String heap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), ParsimonyCommand.class.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve("run.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "still running: " + Files.readString(log));
        return new Outcome(process.exitValue(), Files.readString(log), (System.nanoTime() - start) / 1e9);
    }

    private static void assertOneLineError(Outcome outcome) {
        assertEquals(1, outcome.exitCode(), outcome.output());
        List<String> errors = outcome.output().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), outcome.output());
        assertFalse(outcome.output().contains("\tat ") || outcome.output().contains("OutOfMemoryError"),
                "no stack trace: " + outcome.output());
    }

    @Test
    void imagesClaimingMoreThanTheHeapAreRefusedNamingTheFileTheSizeAndTheLimit() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        // a tiny body under a header that claims 400,000 images of 28x28 (314 MB) for a 128 MB heap
        Path images = data.resolve("train-images-idx3-ubyte.gz");
        Files.write(images, new IdxFile(new int[] {400_000, 28, 28}, new byte[784]).toGzipBytes());
        Files.write(data.resolve("train-labels-idx1-ubyte.gz"), new IdxFile(new int[] {1}, new byte[1]).toGzipBytes());
        Files.write(data.resolve("t10k-images-idx3-ubyte.gz"), new IdxFile(new int[] {1, 28, 28}, new byte[784]).toGzipBytes());
        Files.write(data.resolve("t10k-labels-idx1-ubyte.gz"), new IdxFile(new int[] {1}, new byte[1]).toGzipBytes());
        Outcome outcome = run("128m", "train", "--data-dir", data.toString(), "--out", dir.resolve("out").toString());
        assertOneLineError(outcome);
        assertTrue(outcome.output().contains("error: " + images + ": header claims 400000 x 28 x 28 = 313600000 values")
                && outcome.output().contains("MiB of Java heap available"), outcome.output());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void widthsBeyondOneArrayAreRefusedAtOnce() throws Exception {
        Outcome outcome = run("2g", "train", "--widths", "2147483647,10", "--out", dir.resolve("out").toString());
        assertOneLineError(outcome);
        assertTrue(outcome.output().contains("error: layer 1 (dense-2147483647) with 784 x 2147483647 weights")
                && outcome.output().contains("more than the 2147483639 one array can hold"), outcome.output());
        assertTrue(outcome.seconds() < 60, "refused before training: " + outcome.seconds() + " s");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void widthsBeyondTheHeapAreRefusedWithTheEstimateAndTheLimit() throws Exception {
        Outcome outcome = run("2g", "train", "--widths", "100000,10", "--out", dir.resolve("out").toString());
        assertOneLineError(outcome);
        assertTrue(outcome.output().contains("error: training mlp[784x1x1: dense-100000, dense-10, dense-10] with batches "
                + "of 128 needs about ") && outcome.output().contains("GiB of Java heap, but only 1.")
                && outcome.output().contains("GiB is available (-Xmx)"), outcome.output());
        assertTrue(outcome.seconds() < 60, "refused before training: " + outcome.seconds() + " s");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aDenseStartBeyondTheHeapIsRefusedByPruneWithTheEstimateAndTheLimit() throws Exception {
        Outcome outcome = run("1g", "prune", "--widths", "100000,10", "--criterion", "magnitude", "--ratio", "0.5",
                "--out", dir.resolve("out").toString());
        assertOneLineError(outcome);
        assertTrue(outcome.output().contains("error: training mlp[784x1x1: dense-100000, dense-10, dense-10] with batches "
                + "of 128 needs about ") && outcome.output().contains("of Java heap, but only"), outcome.output());
        assertTrue(outcome.seconds() < 60, "refused before training: " + outcome.seconds() + " s");
    }
}
