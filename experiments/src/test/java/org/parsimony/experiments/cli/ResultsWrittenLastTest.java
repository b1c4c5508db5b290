package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train} writes its model before results.json, so a model that cannot be written leaves no results.json that
 * describes it. The model's target is made a (non-empty) directory, which no rename can replace.
 */
class ResultsWrittenLastTest {
    @TempDir
    Path dir;

    private static CommandRun train(Path out, String seed) {
        return CommandRun.of("train", "--epochs", "1", "--fine-tune", "0", "--widths", "8,4", "--seed", seed, "--out",
                out.toString());
    }

    private static void blockModel(Path out) throws IOException {
        Files.createDirectories(out.resolve("model.sdz"));
        Files.writeString(out.resolve("model.sdz").resolve("keep"), "in the way");
    }

    @Test
    void aFreshFolderGetsNoResultsWhenTheModelCannotBeWritten() throws IOException {
        Path out = dir.resolve("fresh");
        blockModel(out);
        CommandRun run = train(out, "1");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("cannot write " + out.resolve("model.sdz").toAbsolutePath()), run.err());
        assertFalse(Files.exists(out.resolve("results.json")), "results.json marks a complete model only");
    }

    @Test
    void overAnOlderRunTheResultsNeverDescribeTheNewRunWithoutItsModel() throws IOException {
        Path out = dir.resolve("older");
        assertEquals(0, train(out, "1").exitCode());
        assertEquals(1, new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("seed").asLong());
        Files.delete(out.resolve("model.sdz"));
        blockModel(out);
        CommandRun run = train(out, "2");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("cannot write " + out.resolve("model.sdz").toAbsolutePath()), run.err());
        assertFalse(Files.exists(out.resolve("results.json")),
                "the old results.json is withdrawn before the model files are replaced, and the new one is not written");
    }
}
