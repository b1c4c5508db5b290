package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors of the command line say what failed, on which file, and why, in one line, before any work is wasted. */
class CauseNamingMessagesTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CommandRun run) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void aDataDirThatIsAFileIsCalledAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("train-images-idx3-ubyte.gz"), "not a directory");
        CommandRun run = CommandRun.of("train", "--data-dir", file.toString(), "--out", dir.resolve("out").toString());
        assertOneLineError(run);
        assertTrue(run.err().contains(file + ": is a file, not a directory"), run.err());
        assertFalse(run.err().contains("not found"), run.err());
    }

    @Test
    void aRunsCsvThatIsNotUtf8NamesTheFileAndLine() throws IOException {
        Path out = Files.createDirectories(dir.resolve("study"));
        byte[] garbage = {'d', 'a', 't', 'a', 's', 'e', 't', '\n', 'x', '\n', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'};
        Files.write(out.resolve("runs.csv"), garbage);
        CommandRun run = CommandRun.of("compare", "--report-only", "--out", out.toString());
        assertOneLineError(run);
        assertTrue(run.err().contains(out.resolve("runs.csv") + " line 3 is not UTF-8 text: not a runs table"), run.err());
        assertFalse(run.err().contains("Input length"), run.err());
    }

    @Test
    void aStudyWithBadConvWidthsFailsBeforeItsFirstRun() {
        Path out = dir.resolve("study");
        CommandRun run = CommandRun.of("compare", "--datasets", "subset", "--archs", "mlp:20,10", "--archs", "lenet5:1,2",
                "--methods", "variational,magnitude", "--ratios", "0.5", "--seeds", "1", "--dense-epochs", "1", "--epochs",
                "1", "--fine-tune", "0", "--out", out.toString());
        assertOneLineError(run);
        assertTrue(run.err().contains("architecture 'lenet5:1,2' on data set subset: lenet5 has 3 gated layers, got widths "
                + "[1, 2]"), run.err());
        assertFalse(run.out().contains(" acc "), "no run was started: " + run.out());
        assertFalse(Files.exists(out.resolve("runs.csv")), "no run was recorded");
        assertFalse(Files.exists(out.resolve("study.json")), "a study that cannot run leaves no study.json");
    }
}
