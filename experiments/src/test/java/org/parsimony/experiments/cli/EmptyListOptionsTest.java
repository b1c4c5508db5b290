package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A list option given as a bare comma ({@code --widths ,}) is empty: refused in one line before anything runs. */
class EmptyListOptionsTest {
    @TempDir
    Path dir;

    private void assertRefused(String option, String... args) {
        Path out = dir.resolve("out");
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        CommandRun run = CommandRun.of(all);
        assertEquals(1, run.exitCode(), String.join(" ", args) + ": " + run.out() + run.err());
        assertTrue(run.err().startsWith("error: " + option + " lists nothing"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertFalse(Files.exists(out), "nothing written for " + String.join(" ", args));
    }

    @Test
    void trainRefusesAnEmptyWidthList() {
        assertRefused("--widths", "train", "--widths", ",");
    }

    @Test
    void pruneRefusesAnEmptyWidthList() {
        assertRefused("--widths", "prune", "--widths", ",");
    }

    @Test
    void pruneStudyRefusesEveryEmptyList() {
        assertRefused("--widths", "prune-study", "--widths", ",");
        assertRefused("--criteria", "prune-study", "--criteria", ",");
        assertRefused("--ratios", "prune-study", "--ratios", ",");
        assertRefused("--seeds", "prune-study", "--seeds", ",");
    }
}
