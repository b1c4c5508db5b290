package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --resume} continues only the architecture and widths the checkpoint's run started from. */
class ResumeArchitectureTest {
    @TempDir
    Path dir;

    @Test
    void aResumeWithOtherWidthsIsRefusedAndKeepsTheCheckpoint() throws IOException {
        CommandRun first = CommandRun.of("train", "--epochs", "1", "--fine-tune", "0", "--widths", "20,10", "--out",
                dir.toString());
        assertEquals(0, first.exitCode(), first.err());
        Files.delete(dir.resolve("results.json"));
        byte[] checkpoint = Files.readAllBytes(dir.resolve(TrainCommand.CHECKPOINT));

        CommandRun wider = CommandRun.of("train", "--epochs", "1", "--fine-tune", "0", "--widths", "30,10", "--resume",
                "--out", dir.toString());
        assertEquals(1, wider.exitCode(), wider.out());
        assertEquals(1, wider.err().lines().count(), wider.err());
        assertTrue(wider.err().contains("dense-20, dense-10") && wider.err().contains("this run asks for")
                && wider.err().contains("dense-30, dense-10") && wider.err().contains("architecture and widths"),
                wider.err());
        assertArrayEquals(checkpoint, Files.readAllBytes(dir.resolve(TrainCommand.CHECKPOINT)));
        assertFalse(Files.exists(dir.resolve("results.json")), "nothing was trained or written");

        CommandRun conv = CommandRun.of("train", "--epochs", "1", "--fine-tune", "0", "--arch", "lenet5", "--widths",
                "20,10,10", "--resume", "--out", dir.toString());
        assertEquals(1, conv.exitCode(), conv.out());
        assertTrue(conv.err().contains("this run asks for lenet5"), conv.err());
    }
}
