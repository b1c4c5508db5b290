package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.pruning.io.ModelFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two processes on one output directory: the second writer is refused with the first's pid and writes nothing, the
 * first's outputs are intact, and a lock file left by a killed process blocks no one.
 */
class OutputDirectoryLockTest {
    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopStrays() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startJvm(Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) {
            builder.redirectOutput(log.toFile());
        }
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Waits until the lock file of {@code out} names {@code process}. */
    private static void awaitLock(Path out, Process process, Path log) throws Exception {
        Path lockFile = out.resolve(OutputDirectoryLock.FILE_NAME);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(lockFile) && Files.readString(lockFile).startsWith(process.pid() + "\n")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the first process never held " + out + ": " + Files.readString(log));
    }

    private static void assertRefused(CommandRun run, Process holder, Path out) {
        assertEquals(1, run.exitCode(), run.out());
        assertEquals("error: output directory " + out.toAbsolutePath() + " is in use by process " + holder.pid()
                + " (lock " + out.toAbsolutePath().resolve(OutputDirectoryLock.FILE_NAME)
                + "); wait for it to finish or choose another --out", run.err().strip());
    }

    @Test
    void aSecondTrainOnTheSameOutIsRefusedAndTheFirstFinishesIntact() throws Exception {
        Path out = dir.resolve("run");
        Path log = dir.resolve("first.log");
        Process first = startJvm(ParsimonyCommand.class, log, "train", "--epochs", "12", "--fine-tune", "0", "--widths",
                "8,4", "--seed", "3", "--out", out.toString());
        awaitLock(out, first, log);

        assertRefused(CommandRun.of("train", "--epochs", "1", "--fine-tune", "0", "--widths", "8,4", "--seed", "4",
                "--out", out.toString()), first, out);
        assertRefused(CommandRun.of("compare", "--datasets", "subset", "--archs", "mlp:8,4", "--methods", "random",
                "--ratios", "0.5", "--seeds", "1", "--dense-epochs", "1", "--fine-tune", "0", "--out", out.toString()),
                first, out);

        assertTrue(first.waitFor(4, TimeUnit.MINUTES), "the first run ends");
        assertEquals(0, first.exitValue(), Files.readString(log));
        var results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(3, results.get("seed").asLong(), "results.json is the first run's");
        assertEquals(12, results.get("history").size());
        assertEquals(results.get("testAccuracy").asDouble(), ModelFiles.load(out.resolve("model.sdz"))
                .accuracy(IdxImageDataset.bundledFashionMnistSubset().test()), 0.0, "model.sdz is the first run's");
        assertFalse(Files.exists(out.resolve("runs.csv")) || Files.exists(out.resolve("study.json")),
                "the refused compare wrote nothing");
        assertFalse(Files.exists(out.resolve(OutputDirectoryLock.FILE_NAME)), "the lock is gone with its holder");
    }

    @Test
    void everyWritingCommandIsRefusedAndAKilledHoldersLockBlocksNoOne() throws Exception {
        Path out = dir.resolve("held");
        Process holder = startJvm(OutputLockHolder.class, null, out.toString());
        BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", said.readLine());

        assertRefused(CommandRun.of("prune", "--widths", "8,4", "--dense-epochs", "1", "--fine-tune", "0", "--out",
                out.toString()), holder, out);
        assertRefused(CommandRun.of("prune-study", "--widths", "8,4", "--criteria", "random", "--ratios", "0.5",
                "--seeds", "1", "--dense-epochs", "1", "--fine-tune", "0", "--out", out.toString()), holder, out);
        assertRefused(CommandRun.of("compare", "--report-only", "--out", out.toString()), holder, out);
        try (var files = Files.list(out)) {
            assertEquals(List.of(out.resolve(OutputDirectoryLock.FILE_NAME)), files.toList(), "nothing was written");
        }

        holder.destroyForcibly();
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(out.resolve(OutputDirectoryLock.FILE_NAME)), "a killed holder leaves its lock file");
        CommandRun after = CommandRun.of("train", "--epochs", "1", "--fine-tune", "0", "--widths", "8,4", "--out",
                out.toString());
        assertEquals(0, after.exitCode(), after.err());
        assertTrue(Files.exists(out.resolve("results.json")));
        assertFalse(Files.exists(out.resolve(OutputDirectoryLock.FILE_NAME)), "released on exit");
    }

    @Test
    void shardsShareADirectoryButNoShardRunsTwiceAndNothingElseWritesThere() throws Exception {
        Path out = dir.resolve("shared");
        Process shard0 = startJvm(OutputLockHolder.class, null, out.toString(), "runs-shard-0-of-2.csv");
        BufferedReader said = new BufferedReader(new InputStreamReader(shard0.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", said.readLine());
        String[] study = {"compare", "--datasets", "subset", "--archs", "mlp:8,4", "--methods", "random", "--ratios", "0.5",
                "--seeds", "1", "--dense-epochs", "1", "--fine-tune", "0", "--out", out.toString(), "--shard"};

        CommandRun other = CommandRun.of(append(study, "1/2"));
        assertEquals(0, other.exitCode(), other.err());
        assertTrue(Files.exists(out.resolve("runs-shard-1-of-2.csv")));
        CommandRun same = CommandRun.of(append(study, "0/2"));
        assertEquals(1, same.exitCode(), same.out());
        assertTrue(same.err().contains("is in use by process " + shard0.pid() + " (lock "
                + out.toAbsolutePath().resolve(".parsimony-runs-shard-0-of-2.csv.lock") + ")"), same.err());
        assertRefused(CommandRun.of("train", "--epochs", "1", "--fine-tune", "0", "--widths", "8,4", "--out",
                out.toString()), shard0, out);

        shard0.getOutputStream().close();
        assertTrue(shard0.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, shard0.exitValue());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".parsimony")),
                    "the last holder removes the lock files");
        }
    }

    private static String[] append(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
