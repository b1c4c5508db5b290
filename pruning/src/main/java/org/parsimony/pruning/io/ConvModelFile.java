package org.parsimony.pruning.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.autodiff.samediff.SameDiff;
import org.parsimony.variational.graph.ForwardPass;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicConvNet;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerFields;
import org.parsimony.variational.network.LayerKind;
import org.parsimony.variational.network.LayerSpec;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves any {@link DeterministicNetwork} and loads a {@link DeterministicConvNet} (LeNet-5, VGG, any {@link Architecture})
 * as two files, like
 * {@link MlpModelFile}:
 * <ul>
 *   <li>the graph file: a SameDiff graph in FlatBuffers format computing the logits from the placeholder
 *       {@value ModelFiles#INPUT} {@code [batch, C H W]} (flat rows, reshaped to NCHW before the first convolution), output
 *       {@value ModelFiles#OUTPUT}; each layer's weight ({@code [kH, kW, C_in, C_out]} kernel or {@code [n_in, n]} matrix) and
 *       bias ({@code [n]}) are variables {@code <layer>_weight} and {@code <layer>_bias}, layers named
 *       {@code conv0, conv1, ..., dense0, dense1, ..., output}; any SameDiff runtime can execute it;</li>
 *   <li>the description, {@code <graph file>.json}: format name and version, the architecture (name, input shape,
 *       per layer its kind, units or filters, kernel, padding and whether a 2x2 max pooling follows; for the layers of
 *       a residual network also {@code stride}, {@code globalPool}, {@code source}, {@code shortcut} and
 *       {@code projection} ({@link org.parsimony.variational.network.LayerWiring}), written only when not the chain's
 *       default), variable names and shapes, widths, exact parameter and multiply-add counts, the graph file's size
 *       and SHA-256, and optional provenance from the caller.</li>
 * </ul>
 * The architecture is stored in full because the weights alone do not determine it (padding, pooling, input shape).
 * Writing and reading give the same guarantees as {@link MlpModelFile}: atomic files, format, version, size and
 * checksum verified before SameDiff reads the graph, every variable's shape checked against the rebuilt architecture,
 * a {@link ModelFileException} naming the file for anything missing, corrupt or foreign, no Java serialization.
 */
public final class ConvModelFile {
    /** Value of the description's {@code format} field. */
    public static final String FORMAT = "parsimony-convnet";
    /** Version of the layout described above. */
    public static final int FORMAT_VERSION = 1;
    private static final ModelFilePair.Format PAIR_FORMAT = new ModelFilePair.Format(FORMAT, FORMAT_VERSION);

    private ConvModelFile() {
    }

    /** Layer names: {@code conv0, conv1, ...} for convolutions, {@code dense0, ...} for hidden dense layers, {@code output}. */
    public static List<String> layerNames(Architecture architecture) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int l = 0; l < architecture.layerCount() - 1; l++) {
            String kind = architecture.layer(l).type().fileName();
            int index = counts.merge(kind, 1, Integer::sum) - 1;
            names.add(kind + index);
        }
        names.add("output");
        return names;
    }

    /** The SameDiff graph of {@code network}'s forward pass ({@link ForwardPass}), in {@code float}. */
    public static SameDiff graph(DeterministicNetwork network) {
        return ModelFilePair.graph(network, layerNames(network.architecture()), network::bias);
    }

    /** {@link #save(DeterministicNetwork, Path, Map)} without provenance. */
    public static void save(DeterministicNetwork network, Path graphFile) {
        save(network, graphFile, Map.of());
    }

    /**
     * Writes the graph file and its description (creating parent directories).
     *
     * @param provenance what made the network (config, seed, data source, ...), stored as the description's
     *                   {@code provenance} object; must be serialisable by Jackson
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void save(DeterministicNetwork network, Path graphFile, Map<String, ?> provenance) {
        ModelFilePair.save(PAIR_FORMAT, network, graph(network), describe(network.architecture()), graphFile, provenance);
    }

    /** The description's {@code architecture} (name, input shape) and {@code layers} (structure and variables). */
    private static ObjectNode describe(Architecture architecture) {
        ObjectNode details = ModelDescription.JSON.createObjectNode();
        ObjectNode arch = details.putObject("architecture");
        arch.put("name", architecture.name());
        ObjectNode input = arch.putObject("input");
        input.put("channels", architecture.input().channels());
        input.put("height", architecture.input().height());
        input.put("width", architecture.input().width());
        ArrayNode layers = details.putArray("layers");
        List<String> names = layerNames(architecture);
        for (int l = 0; l < architecture.layerCount(); l++) {
            LayerSpec spec = architecture.layer(l);
            ObjectNode layer = layers.addObject();
            layer.put("name", names.get(l));
            layer.put("kind", spec.type().fileName());
            layer.put("units", spec.units());
            spec.type().describe(spec, layer);
            layer.put("activation", l < architecture.layerCount() - 1 && spec.activated() ? "relu" : "none");
            layer.put("weight", names.get(l) + "_weight");
            ArrayNode weightShape = layer.putArray("weightShape");
            for (long size : architecture.weightShape(l)) {
                weightShape.add(size);
            }
            layer.put("bias", names.get(l) + "_bias");
            layer.putArray("biasShape").add(spec.units());
        }
        return details;
    }

    /**
     * Reads a network saved by {@link #save}: the same architecture, and logits equal to the saved network's.
     *
     * @throws ModelFileException naming the file if either file is missing, unreadable, corrupt, of another
     *                            format or version, or inconsistent with the other
     */
    public static DeterministicConvNet load(Path graphFile) {
        ModelFilePair pair = ModelFilePair.open(graphFile, PAIR_FORMAT);
        Architecture architecture = architecture(pair.description());
        return pair.network(layerNames(architecture), architecture::weightShape,
                l -> new long[] {architecture.layer(l).units()}, (w, b) -> new DeterministicConvNet(architecture, w, b));
    }

    private static Architecture architecture(ModelDescription description) {
        JsonNode arch = description.root().path("architecture");
        JsonNode input = arch.path("input");
        List<LayerSpec> layers = new ArrayList<>();
        for (JsonNode layer : description.array("layers", 1)) {
            layers.add(layer(description, layer));
        }
        String name = description.text(arch, "name");
        int channels = description.positiveInt(input, "channels");
        int height = description.positiveInt(input, "height");
        int width = description.positiveInt(input, "width");
        try {
            return new Architecture(name, new ImageShape(channels, height, width), layers);
        } catch (IllegalArgumentException e) {
            throw description.error("not a valid architecture: " + e.getMessage());
        }
    }

    private static LayerSpec layer(ModelDescription description, JsonNode layer) {
        int units = description.positiveInt(layer, "units");
        LayerKind kind;
        try {
            kind = LayerKind.ofFileName(description.text(layer, "kind"));
        } catch (IllegalArgumentException e) {
            throw description.error(e.getMessage());
        }
        return kind.type().read(units, new LayerFields() {
            @Override
            public String text(String field) {
                return description.text(layer, field);
            }

            @Override
            public int positiveInt(String field) {
                return description.positiveInt(layer, field);
            }

            @Override
            public boolean has(String field) {
                return layer.has(field);
            }

            @Override
            public boolean flag(String field) {
                if (!layer.path(field).isBoolean()) {
                    throw description.error("\"" + field + "\" must be true or false in " + layer);
                }
                return layer.path(field).asBoolean();
            }

            @Override
            public RuntimeException error(String message) {
                return description.error(message);
            }
        });
    }
}
