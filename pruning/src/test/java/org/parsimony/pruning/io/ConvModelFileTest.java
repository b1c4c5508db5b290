package org.parsimony.pruning.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.TinyConvNet;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicConvNet;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** LeNet-5 on 16x16 images at 3-4-6 units: valid padding, pooling after both convolutions. */
    private static final Architecture LENET = Architecture.lenet5(new ImageShape(1, 16, 16), 3)
            .withGatedUnits(new int[] {3, 4, 6});
    /** The small VGG on two-channel 8x8 images: same padding, convolutions with and without pooling. */
    private static final Architecture VGG = Architecture.smallVgg(new ImageShape(2, 8, 8), 4)
            .withGatedUnits(new int[] {2, 3, 2, 3, 5});

    /** He-initialised weights and non-zero random biases, so that a swapped or lost bias shows in the logits. */
    private static DeterministicConvNet network(Architecture architecture, long seed) {
        DeterministicNetwork start = LikelihoodGraphTrainer.initialize(architecture, seed);
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (int l = 0; l < start.layerCount(); l++) {
            weights.add(start.weight(l));
            biases.add(SyntheticData.inputs(1, architecture.layer(l).units(), seed + l).mul(0.1));
        }
        return new DeterministicConvNet(architecture, weights, biases);
    }

    @Test
    void lenetRoundTripGivesIdenticalLogitsAndTheGraphRunsAlone(@TempDir Path dir) throws Exception {
        DeterministicConvNet network = network(LENET, 5);
        Path file = dir.resolve("runs/lenet/model.sdz");
        ConvModelFile.save(network, file, Map.of("seed", 5, "dataSource", "synthetic"));
        assertRoundTrip(network, file);
        JsonNode description = JSON.readTree(ModelFiles.descriptionPath(file).toFile());
        assertEquals(ConvModelFile.FORMAT, description.get("format").asText());
        assertEquals("lenet5", description.get("architecture").get("name").asText());
        assertEquals("[256,3,4,6,3]", description.get("widths").toString());
        JsonNode conv1 = description.get("layers").get(1);
        assertEquals("conv1", conv1.get("name").asText());
        assertEquals("valid", conv1.get("padding").asText());
        assertTrue(conv1.get("pool").asBoolean());
        assertEquals("[5,5,3,4]", conv1.get("weightShape").toString());
        assertEquals("dense0", description.get("layers").get(2).get("name").asText());
        assertEquals(network.complexity().parameters(), description.get("parameters").asLong());
        assertEquals(network.complexity().multiplyAdds(), description.get("multiplyAdds").asLong());
        assertEquals(5, description.get("provenance").get("seed").asInt());
        try (var listing = Files.list(file.getParent())) {
            assertEquals(2, listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void vggWithSamePaddingAndUnpooledConvolutionsRoundTrips(@TempDir Path dir) throws Exception {
        DeterministicConvNet network = network(VGG, 8);
        Path file = dir.resolve("vgg.sdz");
        ConvModelFile.save(network, file);
        assertRoundTrip(network, file);
        JsonNode layers = JSON.readTree(ModelFiles.descriptionPath(file).toFile()).get("layers");
        assertEquals("same", layers.get(0).get("padding").asText());
        assertEquals(false, layers.get(0).get("pool").asBoolean());
        assertEquals("[12,5]", layers.get(4).get("weightShape").toString());
    }

    @Test
    void validConvolutionWithoutPoolingRoundTrips(@TempDir Path dir) throws Exception {
        DeterministicConvNet network = network(TinyConvNet.ARCHITECTURE, 3);
        Path file = dir.resolve("tiny.sdz");
        ConvModelFile.save(network, file);
        assertRoundTrip(network, file);
    }

    private static void assertRoundTrip(DeterministicConvNet network, Path file) {
        DeterministicConvNet loaded = ConvModelFile.load(file);
        assertEquals(network.architecture(), loaded.architecture());
        assertEquals(network.complexity(), loaded.complexity());
        INDArray x = SyntheticData.inputs(50, network.widths()[0], 11);
        assertArrayEquals(network.logits(x).toFloatMatrix(), loaded.logits(x).toFloatMatrix(), "exactly equal logits");
        DeterministicNetwork viaDispatch = ModelFiles.load(file);
        assertInstanceOf(DeterministicConvNet.class, viaDispatch);
        assertArrayEquals(network.logits(x).toFloatMatrix(), viaDispatch.logits(x).toFloatMatrix());
        // the graph file alone, in plain SameDiff, computes the same logits
        SameDiff graph = SameDiff.load(file.toFile(), false);
        INDArray fromGraph = graph.output(Map.of(ModelFiles.INPUT, x), ModelFiles.OUTPUT).get(ModelFiles.OUTPUT);
        assertTrue(network.logits(x).equalsWithEps(fromGraph, 1e-5), fromGraph + " vs " + network.logits(x));
    }

    @Test
    void missingFilesAreReportedWithTheirName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.sdz");
        ModelFileException noDescription = assertThrows(ModelFileException.class, () -> ConvModelFile.load(file));
        assertTrue(noDescription.getMessage().contains("model.sdz.json"), noDescription.getMessage());
        assertThrows(ModelFileException.class, () -> ModelFiles.load(file));
        ConvModelFile.save(network(LENET, 1), file);
        Files.delete(file);
        ModelFileException noGraph = assertThrows(ModelFileException.class, () -> ConvModelFile.load(file));
        assertEquals(file.toAbsolutePath(), noGraph.file());
        assertTrue(noGraph.getMessage().contains("missing"), noGraph.getMessage());
    }

    @Test
    void corruptTruncatedOrForeignFilesGiveAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.sdz");
        ConvModelFile.save(network(LENET, 2), file);
        Path description = ModelFiles.descriptionPath(file);
        byte[] graph = Files.readAllBytes(file);
        String json = Files.readString(description);

        GraphFileDamage.flipAndTruncate(file, graph, message -> assertMessage(file, message));
        Files.writeString(description, json.substring(0, json.length() / 2));
        assertMessage(file, "JSON");
        Files.writeString(description, "[1, 2, 3]");
        assertMessage(file, "not a JSON object");
        Files.writeString(description, "{\"name\": \"some-package\", \"version\": \"1.0.0\"}");
        assertMessage(file, "not a parsimony-convnet description");
        Files.writeString(description, "{\"format\": \"onnx\"}");
        ModelFileException unknown = assertThrows(ModelFileException.class, () -> ModelFiles.load(file));
        assertTrue(unknown.getMessage().contains("model.sdz.json") && unknown.getMessage().contains("unknown model format \"onnx\""),
                unknown.getMessage());

        Files.writeString(description, edited(json, root -> root.put("formatVersion", 99)));
        assertMessage(file, "version 99");
        // another padding leaves the dense layer a different fan-in: the graph's variables no longer fit
        Files.writeString(description, edited(json, root -> ((ObjectNode) root.get("layers").get(0)).put("padding", "same")));
        assertMessage(file, "shape");
        Files.writeString(description, edited(json, root -> ((ObjectNode) root.get("layers").get(0)).put("padding", "full")));
        assertMessage(file, "padding");
        Files.writeString(description, edited(json, root -> ((ObjectNode) root.get("layers").get(1)).remove("kernel")));
        assertMessage(file, "kernel");
        // a convolutional output layer is no architecture
        Files.writeString(description, edited(json, root -> ((ObjectNode) root.get("layers").get(3)).put("kind", "conv")
                .put("kernel", 1).put("padding", "valid").put("pool", false)));
        assertMessage(file, "not a valid architecture");

        Files.writeString(description, json);
        assertEquals(LENET, ConvModelFile.load(file).architecture()); // the intact pair still loads
    }

    @Test
    void anMlpFileAndAConvFileAreNotMistakenForEachOther(@TempDir Path dir) {
        Path mlpFile = dir.resolve("mlp.sdz");
        DeterministicMlp mlp = DeterministicTrainer.initialize(new int[] {6, 4, 3}, 1);
        MlpModelFile.save(mlp, mlpFile);
        Path convFile = dir.resolve("conv.sdz");
        ConvModelFile.save(network(LENET, 4), convFile);

        assertMessage(mlpFile, "not a parsimony-convnet description (format \"parsimony-mlp\"");
        ModelFileException convAsMlp = assertThrows(ModelFileException.class, () -> MlpModelFile.load(convFile));
        assertTrue(convAsMlp.getMessage().contains("conv.sdz.json")
                && convAsMlp.getMessage().contains("not a parsimony-mlp description (format \"parsimony-convnet\""),
                convAsMlp.getMessage());
        INDArray x = SyntheticData.inputs(20, 6, 2);
        DeterministicNetwork loaded = ModelFiles.load(mlpFile);
        assertInstanceOf(DeterministicMlp.class, loaded);
        assertArrayEquals(mlp.logits(x).toFloatMatrix(), loaded.logits(x).toFloatMatrix());
    }

    @Test
    void aSaveThatFailsLeavesNoFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/model.sdz");
        Map<String, Object> unserialisable = Map.of("stream", new Object());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvModelFile.save(network(LENET, 6), file, unserialisable));
        assertTrue(e.getMessage().contains("provenance"), e.getMessage());
        if (Files.exists(file.getParent())) {
            try (var listing = Files.list(file.getParent())) {
                assertEquals(List.of(), listing.toList(), "neither the graph nor a temporary file was written");
            }
        }
    }

    @Test
    void savingEveryKindOfNetworkPicksItsFormat(@TempDir Path dir) throws Exception {
        ModelFiles.save(network(VGG, 7), dir.resolve("conv.sdz"), Map.of());
        ModelFiles.save(DeterministicTrainer.initialize(new int[] {5, 3}, 1), dir.resolve("mlp.sdz"), Map.of());
        assertEquals(ConvModelFile.FORMAT, JSON.readTree(dir.resolve("conv.sdz.json").toFile()).get("format").asText());
        assertEquals(MlpModelFile.FORMAT, JSON.readTree(dir.resolve("mlp.sdz.json").toFile()).get("format").asText());
        assertArrayEquals(new int[] {5, 3}, ModelFiles.load(dir.resolve("mlp.sdz")).widths());
    }

    private static String edited(String json, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        edit.accept(root);
        return root.toString();
    }

    private static void assertMessage(Path file, String fragment) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ConvModelFile.load(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
