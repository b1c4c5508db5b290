package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kills a training run in a separate JVM mid-epoch and checks that `train --resume` ends where an uninterrupted run ends. */
class KilledRunResumeTest {
    @TempDir
    Path dir;

    private static final String[] OPTIONS = {"--epochs", "8", "--fine-tune", "1", "--warmup", "1", "--widths", "24,12",
            "--seed", "5", "--checkpoint-every", "1"};

    private static String[] args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train"));
        a.addAll(List.of(OPTIONS));
        a.add("--out");
        a.add(out.toString());
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void aRunKilledMidEpochResumesToTheSameNumbers() throws Exception {
        Path killed = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-cp",
                System.getProperty("java.class.path"), ParsimonyCommand.class.getName()));
        command.addAll(List.of(args(killed)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path checkpoint = killed.resolve(TrainCommand.CHECKPOINT);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.exists(checkpoint) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(checkpoint), "no checkpoint appeared: " + Files.readString(dir.resolve("killed.log")));
        Thread.sleep(150); // into the next epoch (epochs of this net take 0.1-0.4 s; 7 more remain)
        assertTrue(process.isAlive(), "the run should still be training when killed");
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(!Files.exists(killed.resolve("results.json")), "killed before the end");
        // what a kill in the middle of a checkpoint write leaves (the kill above lands there only sometimes)
        Files.writeString(killed.resolve("." + TrainCommand.CHECKPOINT + "4711.tmp"), "partial");

        assertEquals(0, ParsimonyCommand.execute(args(killed, "--resume")));
        Path uninterrupted = dir.resolve("uninterrupted");
        assertEquals(0, ParsimonyCommand.execute(args(uninterrupted)));

        ObjectMapper mapper = new ObjectMapper();
        JsonNode a = mapper.readTree(killed.resolve("results.json").toFile());
        JsonNode b = mapper.readTree(uninterrupted.resolve("results.json").toFile());
        assertEquals(b.get("testAccuracy").asDouble(), a.get("testAccuracy").asDouble(), 0.0);
        assertEquals(b.get("unitsKept"), a.get("unitsKept"));
        assertEquals(b.get("history").size(), a.get("history").size());
        for (int e = 0; e < a.get("history").size(); e++) {
            assertEquals(b.get("history").get(e).get("loss").asDouble(), a.get("history").get(e).get("loss").asDouble(), 0.0,
                    "epoch " + (e + 1));
        }
        File[] leftovers = killed.toFile().listFiles((d, name) -> name.endsWith(".tmp"));
        assertEquals(0, leftovers == null ? 0 : leftovers.length, "no temporary files left by the kill");
    }
}
