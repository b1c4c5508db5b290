package org.parsimony.pruning.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.autodiff.samediff.SameDiff;
import org.parsimony.variational.network.DeterministicMlp;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a {@link DeterministicMlp} as two files:
 * <ul>
 *   <li>the graph file: a SameDiff graph in FlatBuffers format ({@link SameDiff#save(java.io.OutputStream, boolean)})
 *       computing the logits, placeholder {@value #INPUT} {@code [batch, n_0]}, output {@value #OUTPUT}, with each
 *       layer's weight {@code [n_{l-1}, n_l]} and bias {@code [1, n_l]} as variables named
 *       {@code <layer>_weight} and {@code <layer>_bias}, layers named {@code hidden0, hidden1, ..., output};
 *       any SameDiff runtime can execute it;</li>
 *   <li>the description, {@code <graph file>.json}: format name and version, widths, layer and variable names,
 *       exact parameter and multiply-add counts, the graph file's size and SHA-256, and optional provenance
 *       (config, seed, data) from the caller.</li>
 * </ul>
 * Both contents are built in memory, then each file is written to a temporary file in the same directory and
 * renamed over the target, so a reader never sees a half-written file; the checksum ties the pair together. Loading verifies format, version,
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
    public static final String INPUT = ModelFiles.INPUT;
    /** Name of the logits variable. */
    public static final String OUTPUT = ModelFiles.OUTPUT;

    private static final ModelFilePair.Format PAIR_FORMAT = new ModelFilePair.Format(FORMAT, FORMAT_VERSION);

    private MlpModelFile() {
    }

    /** The description file belonging to {@code graphFile}: the same name with {@code .json} appended. */
    public static Path descriptionPath(Path graphFile) {
        return ModelFiles.descriptionPath(graphFile);
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
        return ModelFilePair.graph(network, layerNames(network.layerCount()), l -> network.bias(l).reshape(1, -1));
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
        ObjectNode details = ModelDescription.JSON.createObjectNode();
        ArrayNode layers = details.putArray("layers");
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
        ModelFilePair.save(PAIR_FORMAT, network, graph(network), details, graphFile, provenance);
    }

    /**
     * Reads a network saved by {@link #save}; its logits equal the saved network's.
     *
     * @throws ModelFileException naming the file if either file is missing, unreadable, corrupt, of another
     *                            format or version, or inconsistent with the other
     */
    public static DeterministicMlp load(Path graphFile) {
        ModelFilePair pair = ModelFilePair.open(graphFile, PAIR_FORMAT);
        int[] widths = pair.description().positiveInts("widths", 2);
        return pair.network(layerNames(widths.length - 1), l -> new long[] {widths[l], widths[l + 1]},
                l -> new long[] {1, widths[l + 1]}, DeterministicMlp::new);
    }
}
