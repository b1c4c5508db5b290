package org.parsimony.pruning.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.graph.ForwardPass;
import org.parsimony.variational.io.AtomicFileWriter;
import org.parsimony.variational.io.Checksums;
import org.parsimony.variational.network.DeterministicNetwork;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The two files of a saved model, whatever its format: the SameDiff graph file and its JSON description, tied together by
 * the graph's size and SHA-256. Writing builds both contents in memory first (so a description that cannot be written
 * leaves no graph behind), then writes each atomically; opening checks the format, the size and the checksum before
 * SameDiff parses a single byte, so that missing, corrupt and foreign files give a {@link ModelFileException} naming the
 * file instead of an error from inside ND4J.
 */
final class ModelFilePair {
    private final Path graphFile;
    private final ModelDescription description;
    private final SameDiff graph;

    private ModelFilePair(Path graphFile, ModelDescription description, SameDiff graph) {
        this.graphFile = graphFile;
        this.description = description;
        this.graph = graph;
    }

    /** A model format: the description's {@code format} and {@code formatVersion}. */
    record Format(String name, int version) {
    }

    /**
     * The SameDiff graph of {@code network}'s {@link ForwardPass} from the placeholder {@value ModelFiles#INPUT} to
     * {@value ModelFiles#OUTPUT}, layer {@code l}'s parameters as variables {@code <layerNames[l]>_weight} and
     * {@code <layerNames[l]>_bias}, the latter laid out by {@code bias}.
     */
    static SameDiff graph(DeterministicNetwork network, List<String> layerNames, IntFunction<INDArray> bias) {
        SameDiff sd = SameDiff.create();
        List<SDVariable> weights = new ArrayList<>();
        List<SDVariable> biases = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            weights.add(sd.var(layerNames.get(l) + "_weight", network.weight(l)));
            biases.add(sd.var(layerNames.get(l) + "_bias", bias.apply(l)));
        }
        SDVariable input = sd.placeHolder(ModelFiles.INPUT, DataType.FLOAT, -1, network.widths()[0]);
        ForwardPass.logits(input, network.architecture(), weights, biases, ModelFiles.OUTPUT);
        return sd;
    }

    /**
     * Writes {@code graph} to {@code graphFile} and its description: the header (format, graph file, size, SHA-256,
     * input and output names, widths), then {@code details}' fields, the parameter and multiply-add counts of
     * {@code network} and {@code provenance}.
     *
     * @throws IllegalArgumentException if {@code provenance} is not serialisable by Jackson (nothing is written)
     * @throws UncheckedIOException     naming the file if a file cannot be written
     */
    static void save(Format format, DeterministicNetwork network, SameDiff graph, ObjectNode details, Path graphFile,
                     Map<String, ?> provenance) {
        Path target = graphFile.toAbsolutePath();
        Path descriptionFile = ModelFiles.descriptionPath(target);
        byte[] graphBytes = flatBuffers(graph, target);
        ObjectNode root = ModelDescription.JSON.createObjectNode();
        root.put("format", format.name());
        root.put("formatVersion", format.version());
        root.put("graphFile", target.getFileName().toString());
        root.put("graphBytes", graphBytes.length);
        root.put("graphSha256", Checksums.sha256(graphBytes));
        root.put("input", ModelFiles.INPUT);
        root.put("output", ModelFiles.OUTPUT);
        ArrayNode widths = root.putArray("widths");
        Arrays.stream(network.widths()).forEach(widths::add);
        root.setAll(details);
        root.put("parameters", network.complexity().parameters());
        root.put("multiplyAdds", network.complexity().multiplyAdds());
        byte[] descriptionBytes;
        try {
            root.set("provenance", ModelDescription.JSON.valueToTree(provenance == null ? Map.of() : provenance));
            descriptionBytes = ModelDescription.JSON.writeValueAsBytes(root);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new IllegalArgumentException(descriptionFile + ": provenance is not serialisable as JSON: "
                    + e.getMessage(), e);
        }
        AtomicFileWriter.write(target, graphBytes);
        try {
            AtomicFileWriter.write(descriptionFile, descriptionBytes);
        } catch (UncheckedIOException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static byte[] flatBuffers(SameDiff graph, Path target) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            graph.save(bytes, false);
        } catch (RuntimeException e) {
            throw new UncheckedIOException("cannot write " + target + ": SameDiff cannot serialise the graph ("
                    + e.getMessage() + ")", new IOException(e));
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the description of {@code graphFile}, checks it is of {@code format}, verifies the graph file's size and
     * SHA-256 against it and parses the graph.
     *
     * @throws ModelFileException naming the file if either file is missing, unreadable, corrupt or foreign
     */
    static ModelFilePair open(Path graphFile, Format format) {
        Path graph = graphFile.toAbsolutePath();
        ModelDescription description = ModelDescription.read(ModelFiles.descriptionPath(graph));
        description.requireFormat(format.name(), format.version());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(graph);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(graph, "graph file is missing");
        } catch (IOException e) {
            throw new ModelFileException(graph, "cannot read graph file: " + e.getMessage(), e);
        }
        if (bytes.length != description.root().path("graphBytes").asLong(-1)
                || !Checksums.sha256(bytes).equals(description.root().path("graphSha256").asText(""))) {
            throw new ModelFileException(graph, "graph file is corrupt or does not belong to "
                    + description.file().getFileName() + " (size or SHA-256 differs from the description)");
        }
        try {
            return new ModelFilePair(graph, description, SameDiff.load(new ByteArrayInputStream(bytes), false));
        } catch (Exception e) {
            throw new ModelFileException(graph, "not a readable SameDiff FlatBuffers graph (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** The description, already checked to be of the expected format. */
    ModelDescription description() {
        return description;
    }

    /**
     * The network built by {@code build} from the variables {@code <layerNames[l]>_weight} and
     * {@code <layerNames[l]>_bias}, each checked to have the shape the description implies.
     *
     * @throws ModelFileException naming the graph file if a variable is absent or of another shape, or {@code build}
     *                            rejects the values (e.g. a non-finite weight)
     */
    <N extends DeterministicNetwork> N network(List<String> layerNames, IntFunction<long[]> weightShape,
                                               IntFunction<long[]> biasShape,
                                               BiFunction<List<INDArray>, List<INDArray>, N> build) {
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (int l = 0; l < layerNames.size(); l++) {
            weights.add(variable(layerNames.get(l) + "_weight", weightShape.apply(l)));
            biases.add(variable(layerNames.get(l) + "_bias", biasShape.apply(l)));
        }
        try {
            return build.apply(weights, biases);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(graphFile, e.getMessage(), e);
        }
    }

    /**
     * A {@code float} copy of the graph's variable {@code name}.
     *
     * @throws ModelFileException naming the graph file if it is absent or not of shape {@code shape}
     */
    private INDArray variable(String name, long... shape) {
        INDArray array = graph.hasVariable(name) ? graph.getArrForVarName(name) : null;
        if (array == null) {
            throw new ModelFileException(graphFile, "graph has no variable \"" + name + "\"");
        }
        if (!Arrays.equals(array.shape(), shape)) {
            throw new ModelFileException(graphFile, "variable \"" + name + "\" has shape " + Arrays.toString(array.shape())
                    + ", the description says " + Arrays.toString(shape));
        }
        return array.castTo(DataType.FLOAT).dup();
    }
}
