package org.parsimony.pruning.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.pruning.surgery.UnitSurgery;
import org.parsimony.variational.network.DeterministicMlp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DeterministicMlp pruned() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {12, 9, 6, 4}, 21);
        return UnitSurgery.apply(network, new KeptUnits(List.of(new long[] {0, 2, 3, 7, 8}, new long[] {1, 4})));
    }

    @Test
    void surgeryThenSaveAndLoadGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        DeterministicMlp network = pruned();
        Path file = dir.resolve("runs/a/pruned.fb");
        MlpModelFile.save(network, file, Map.of("seed", 21, "criterion", "magnitude-l2"));
        DeterministicMlp loaded = MlpModelFile.load(file);
        INDArray x = SyntheticData.inputs(100, 12, 3);
        assertArrayEquals(new int[] {12, 5, 2, 4}, loaded.widths());
        assertEquals(network.logits(x), loaded.logits(x));
        assertEquals(network.complexity(), loaded.complexity());
        // the graph file is a self-contained SameDiff graph computing the same logits
        SameDiff graph = SameDiff.load(file.toFile(), false);
        INDArray fromGraph = graph.output(Map.of(MlpModelFile.INPUT, x), MlpModelFile.OUTPUT).get(MlpModelFile.OUTPUT);
        assertTrue(network.logits(x).equalsWithEps(fromGraph, 1e-5));
        JsonNode description = JSON.readTree(MlpModelFile.descriptionPath(file).toFile());
        assertEquals(MlpModelFile.FORMAT, description.get("format").asText());
        assertEquals("[12,5,2,4]", description.get("widths").toString());
        assertEquals("hidden1", description.get("layers").get(1).get("name").asText());
        assertEquals(network.complexity().parameters(), description.get("parameters").asLong());
        assertEquals(21, description.get("provenance").get("seed").asInt());
        try (var listing = Files.list(file.getParent())) {
            assertEquals(2, listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void aSingleUnitLayerRoundTrips(@TempDir Path dir) {
        DeterministicMlp network = UnitSurgery.apply(DeterministicTrainer.initialize(new int[] {5, 4, 3}, 2),
                new KeptUnits(List.of(new long[] {1})));
        Path file = dir.resolve("one.fb");
        MlpModelFile.save(network, file);
        INDArray x = SyntheticData.inputs(100, 5, 4);
        assertEquals(network.logits(x), MlpModelFile.load(file).logits(x));
    }

    @Test
    void missingFilesAreReportedWithTheirName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.fb");
        ModelFileException noDescription = assertThrows(ModelFileException.class, () -> MlpModelFile.load(file));
        assertTrue(noDescription.getMessage().contains("model.fb.json"), noDescription.getMessage());
        MlpModelFile.save(pruned(), file);
        Files.delete(file);
        ModelFileException noGraph = assertThrows(ModelFileException.class, () -> MlpModelFile.load(file));
        assertEquals(file.toAbsolutePath(), noGraph.file());
        assertTrue(noGraph.getMessage().contains("missing"));
    }

    @Test
    void corruptOrForeignFilesGiveAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.fb");
        MlpModelFile.save(pruned(), file);
        Path description = MlpModelFile.descriptionPath(file);
        byte[] graph = Files.readAllBytes(file);
        String json = Files.readString(description);

        GraphFileDamage.flipAndTruncate(file, graph, message -> assertMessage(file, message));

        // bytes that are not a SameDiff graph, with a description that matches them
        byte[] foreign = "this is not a flatbuffers graph, just text pretending to be one".getBytes();
        Files.write(file, foreign);
        ObjectNode forged = (ObjectNode) JSON.readTree(json);
        forged.put("graphBytes", foreign.length);
        forged.put("graphSha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(foreign)));
        Files.writeString(description, forged.toString());
        assertMessage(file, "");

        Files.write(file, graph);
        Files.writeString(description, json.substring(0, json.length() / 2));
        assertMessage(file, "JSON");
        Files.writeString(description, "{\"format\": \"onnx\"}");
        assertMessage(file, "format");
        Files.writeString(description, json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
        assertMessage(file, "version 99");
        Files.writeString(description, json.replace("[ 12, 5, 2, 4 ]", "[ 12, 6, 2, 4 ]"));
        assertMessage(file, "shape");

        Files.writeString(description, json);
        assertEquals(4, MlpModelFile.load(file).widths()[3]); // the intact pair still loads
    }

    private static void assertMessage(Path file, String fragment) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> MlpModelFile.load(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }
}
