package org.parsimony.pruning.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.io.AtomicFileWriter;
import org.parsimony.variational.io.Checksums;
import org.parsimony.variational.network.DeterministicMlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a {@link DeterministicMlp} as two files:
 * <ul>
 *   <li>the graph file: a SameDiff graph in FlatBuffers format ({@link SameDiff#save(java.io.File, boolean)})
 *       computing the logits, placeholder {@value #INPUT} {@code [batch, n_0]}, output {@value #OUTPUT}, with each
 *       layer's weight {@code [n_{l-1}, n_l]} and bias {@code [1, n_l]} as variables named
 *       {@code <layer>_weight} and {@code <layer>_bias}, layers named {@code hidden0, hidden1, ..., output};
 *       any SameDiff runtime can execute it;</li>
 *   <li>the description, {@code <graph file>.json}: format name and version, widths, layer and variable names,
 *       exact parameter and multiply-add counts, the graph file's size and SHA-256, and optional provenance
 *       (config, seed, data) from the caller.</li>
 * </ul>
 * Each file is written to a temporary file in the same directory and renamed over the target, so a reader
 * never sees a half-written file; the checksum ties the pair together. Loading verifies format, version,
 * size and checksum before SameDiff reads the graph, then checks every variable's shape against the
 * description, so a missing, corrupt or foreign file gives a {@link ModelFileException} naming the file
 * instead of an error from inside ND4J. No Java serialization is involved.
 */
public final class MlpModelFile {
    /** Value of the description's {@code format} field. */
    public static final String FORMAT = "parsimony-mlp";
    /** Version of the layout described above. */
    public static final int FORMAT_VERSION = 1;
    /** Name of the input placeholder. */
    public static final String INPUT = "input";
    /** Name of the logits variable. */
    public static final String OUTPUT = "logits";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MlpModelFile() {
    }

    /** The description file belonging to {@code graphFile}: the same name with {@code .json} appended. */
    public static Path descriptionPath(Path graphFile) {
        return graphFile.resolveSibling(graphFile.getFileName() + ".json");
    }

    /** Layer names: {@code hidden0 .. hidden{L-2}}, then {@code output}. */
    public static List<String> layerNames(int layerCount) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < layerCount - 1; l++) {
            names.add("hidden" + l);
        }
        names.add("output");
        return names;
    }

    /**
     * The SameDiff graph of {@code network}'s forward pass: {@code h_l = relu(h_{l-1} W_l + b_l)},
     * {@code logits = h_{L-1} W_L + b_L}, in {@code float}.
     */
    public static SameDiff graph(DeterministicMlp network) {
        int[] widths = network.widths();
        List<String> names = layerNames(network.layerCount());
        SameDiff sd = SameDiff.create();
        SDVariable h = sd.placeHolder(INPUT, DataType.FLOAT, -1, widths[0]);
        for (int l = 0; l < network.layerCount(); l++) {
            SDVariable w = sd.var(names.get(l) + "_weight", network.weight(l));
            SDVariable b = sd.var(names.get(l) + "_bias", network.bias(l).reshape(1, widths[l + 1]));
            if (l < network.layerCount() - 1) {
                h = sd.nn().relu(h.mmul(w).add(b), 0);
            } else {
                h = h.mmul(w).add(OUTPUT, b);
            }
        }
        return sd;
    }

    /** {@link #save(DeterministicMlp, Path, Map)} without provenance. */
    public static void save(DeterministicMlp network, Path graphFile) {
        save(network, graphFile, Map.of());
    }

    /**
     * Writes the graph file and its description (creating parent directories).
     *
     * @param provenance what made the network (config, seed, data source, ...), stored as the description's
     *                   {@code provenance} object; must be serialisable by Jackson
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void save(DeterministicMlp network, Path graphFile, Map<String, ?> provenance) {
        Path graph = graphFile.toAbsolutePath();
        byte[][] written = new byte[1][];
        AtomicFileWriter.write(graph, temp -> {
            graph(network).save(temp.toFile(), false);
            written[0] = Files.readAllBytes(temp);
        });
        try {
            AtomicFileWriter.write(descriptionPath(graph), describe(network, graph.getFileName().toString(), written[0], provenance));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write " + descriptionPath(graph) + ": " + e.getMessage(), e);
        }
    }

    private static byte[] describe(DeterministicMlp network, String graphName, byte[] graphBytes,
                                   Map<String, ?> provenance) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("graphFile", graphName);
        root.put("graphBytes", graphBytes.length);
        root.put("graphSha256", Checksums.sha256(graphBytes));
        root.put("input", INPUT);
        root.put("output", OUTPUT);
        ArrayNode widths = root.putArray("widths");
        Arrays.stream(network.widths()).forEach(widths::add);
        ArrayNode layers = root.putArray("layers");
        List<String> names = layerNames(network.layerCount());
        for (int l = 0; l < network.layerCount(); l++) {
            ObjectNode layer = layers.addObject();
            layer.put("name", names.get(l));
            layer.put("weight", names.get(l) + "_weight");
            layer.put("bias", names.get(l) + "_bias");
            layer.put("inputs", network.widths()[l]);
            layer.put("units", network.widths()[l + 1]);
            layer.put("activation", l < network.layerCount() - 1 ? "relu" : "none");
        }
        root.put("parameters", network.complexity().parameters());
        root.put("multiplyAdds", network.complexity().multiplyAdds());
        root.set("provenance", JSON.valueToTree(provenance == null ? Map.of() : provenance));
        return JSON.writeValueAsBytes(root);
    }

    /**
     * Reads a network saved by {@link #save}; its logits equal the saved network's.
     *
     * @throws ModelFileException naming the file if either file is missing, unreadable, corrupt, of another
     *                            format or version, or inconsistent with the other
     */
    public static DeterministicMlp load(Path graphFile) {
        Path graph = graphFile.toAbsolutePath();
        Path descriptionFile = descriptionPath(graph);
        JsonNode description = readDescription(descriptionFile);
        String format = description.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new ModelFileException(descriptionFile, "not a " + FORMAT + " description (format \"" + format + "\")");
        }
        int version = description.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new ModelFileException(descriptionFile, "format version " + version + " is not supported (this reader: "
                    + FORMAT_VERSION + ")");
        }
        int[] widths = widths(description, descriptionFile);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(graph);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(graph, "graph file is missing");
        } catch (IOException e) {
            throw new ModelFileException(graph, "cannot read graph file: " + e.getMessage(), e);
        }
        if (bytes.length != description.path("graphBytes").asLong(-1)
                || !Checksums.sha256(bytes).equals(description.path("graphSha256").asText(""))) {
            throw new ModelFileException(graph, "graph file is corrupt or does not belong to " + descriptionFile.getFileName()
                    + " (size or SHA-256 differs from the description)");
        }
        SameDiff sd;
        try {
            sd = SameDiff.load(graph.toFile(), false);
        } catch (Exception e) {
            throw new ModelFileException(graph, "not a readable SameDiff FlatBuffers graph (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        List<String> names = layerNames(widths.length - 1);
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (int l = 0; l < widths.length - 1; l++) {
            weights.add(variable(sd, graph, names.get(l) + "_weight", widths[l], widths[l + 1]));
            biases.add(variable(sd, graph, names.get(l) + "_bias", 1, widths[l + 1]).reshape(widths[l + 1]));
        }
        try {
            return new DeterministicMlp(weights, biases);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(graph, e.getMessage(), e);
        }
    }

    private static JsonNode readDescription(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject()) {
                throw new ModelFileException(file, "description is not a JSON object");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "description file is missing (expected next to the graph file)");
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "description is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read description: " + e.getMessage(), e);
        }
    }

    private static int[] widths(JsonNode description, Path file) {
        JsonNode node = description.path("widths");
        if (!node.isArray() || node.size() < 2) {
            throw new ModelFileException(file, "\"widths\" must list at least an input and an output width");
        }
        int[] widths = new int[node.size()];
        for (int i = 0; i < widths.length; i++) {
            if (!node.get(i).canConvertToInt() || node.get(i).asInt() <= 0) {
                throw new ModelFileException(file, "\"widths\" must be positive integers, got " + node);
            }
            widths[i] = node.get(i).asInt();
        }
        return widths;
    }

    private static INDArray variable(SameDiff sd, Path graph, String name, long rows, long columns) {
        INDArray array = sd.hasVariable(name) ? sd.getArrForVarName(name) : null;
        if (array == null) {
            throw new ModelFileException(graph, "graph has no variable \"" + name + "\"");
        }
        if (!Arrays.equals(array.shape(), new long[] {rows, columns})) {
            throw new ModelFileException(graph, "variable \"" + name + "\" has shape " + Arrays.toString(array.shape())
                    + ", the description says [" + rows + ", " + columns + "]");
        }
        return array.castTo(DataType.FLOAT).dup();
    }

}
