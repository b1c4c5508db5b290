package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = ParsimonyCommand.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void trainsOnTheBundledDataAndWritesResultsWithProvenance() throws IOException {
        Run run = run("train", "--epochs", "1", "--fine-tune", "1", "--widths", "40,20", "--seed", "7", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("epoch       1/2  loss"), run.out());
        assertTrue(run.out().contains("fine-tune   2/2  loss"), run.out());
        assertTrue(run.out().contains("test accuracy"), run.out());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        double accuracy = results.get("testAccuracy").asDouble();
        assertTrue(accuracy > 0.5 && accuracy <= 1.0, "accuracy " + accuracy);
        assertEquals(2, results.get("unitsKept").size());
        assertTrue(results.get("unitsKept").get(0).asInt() <= 40);
        assertTrue(results.get("paramsKept").asLong() <= results.get("paramsDense").asLong());
        assertTrue(results.get("flopsKept").asLong() > 0);
        assertEquals(7, results.get("seed").asLong());
        assertEquals(1, results.get("config").get("epochs").asInt());
        assertEquals(2, results.get("history").size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only results.json, no temporary file left behind");
        }
    }

    @Test
    void badInputGivesOneClearLineAndNoOutput() {
        Run piMin = run("train", "--pi-min", "1.5", "--out", dir.resolve("a").toString());
        assertEquals(1, piMin.exitCode());
        assertTrue(piMin.err().contains("piMin must be in (0, 1)"), piMin.err());
        assertFalse(piMin.err().contains("\tat "), "no stack trace: " + piMin.err());

        Run widths = run("train", "--widths", "300,-1", "--out", dir.resolve("b").toString());
        assertEquals(1, widths.exitCode());
        assertTrue(widths.err().contains("--widths must be positive"), widths.err());

        Run missing = run("train", "--data-dir", dir.resolve("nowhere").toString(), "--out", dir.resolve("c").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nowhere") && missing.err().contains("not found"), missing.err());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("c")));
    }
}
