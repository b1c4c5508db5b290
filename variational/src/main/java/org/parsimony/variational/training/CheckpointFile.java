package org.parsimony.variational.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.graph.LayerPrior;
import org.parsimony.variational.io.AtomicFileWriter;
import org.parsimony.variational.io.Checksums;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ConvPadding;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerKind;
import org.parsimony.variational.network.LayerSpec;
import org.parsimony.variational.network.LayerWiring;
import org.parsimony.variational.network.ParameterKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes a {@link TrainingCheckpoint} as one zip file: {@code checkpoint.json} (format, version, settings
 * fingerprint, counters, priors, history, the architecture of a conv net, and for every array its shape and SHA-256)
 * and one raw float32 entry per
 * array. Written to a temporary file in the same directory and renamed over the target, so a crash leaves the
 * previous checkpoint intact. Reading checks the format, the version, every checksum and every shape, that every value
 * is finite and that the optimizer moments fit their arrays before building anything, and reports any problem as a
 * {@link CheckpointException} naming the file, in one line.
 */
public final class CheckpointFile {
    /** Format name stored in the file. */
    public static final String FORMAT = "parsimony-checkpoint";
    /** Version of the layout. */
    public static final int VERSION = 1;
    private static final String INDEX = "checkpoint.json";
    private static final long MAX_ENTRY_BYTES = 1L << 31;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckpointFile() {
    }

    /** Writes {@code checkpoint} to {@code file} atomically (creating parent directories). */
    public static void write(TrainingCheckpoint checkpoint, Path file) {
        AtomicFileWriter.write(file, temp -> {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp))) {
                ObjectNode index = index(checkpoint);
                ObjectNode arrays = index.putObject("arrays");
                for (Map.Entry<String, INDArray> e : flatten(checkpoint).entrySet()) {
                    byte[] bytes = NamedArrays.encode(e.getValue());
                    ObjectNode entry = arrays.putObject(e.getKey());
                    ArrayNode shape = entry.putArray("shape");
                    for (long d : e.getValue().shape()) {
                        shape.add(d);
                    }
                    entry.put("sha256", Checksums.sha256(bytes));
                    zip.putNextEntry(new ZipEntry("arrays/" + e.getKey()));
                    zip.write(bytes);
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(INDEX));
                zip.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
                zip.closeEntry();
            }
        });
    }

    /**
     * Reads a checkpoint.
     *
     * @throws CheckpointException if the file is missing, not a checkpoint, of another version, or any entry is
     *                             truncated, corrupt or inconsistent
     */
    public static TrainingCheckpoint read(Path file) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), readBounded(zip, file));
            }
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "file not found");
        } catch (ZipException | java.io.EOFException e) {
            throw new CheckpointException(file, "not a readable checkpoint (corrupt or truncated zip: " + e.getMessage() + ")");
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(file, "could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new CheckpointException(file, "not a readable checkpoint (" + e.getMessage() + ")");
        }
        byte[] indexBytes = entries.get(INDEX);
        if (indexBytes == null) {
            throw new CheckpointException(file, "no " + INDEX + " inside (not a parsimony checkpoint, or truncated)");
        }
        try {
            JsonNode index = MAPPER.readTree(indexBytes);
            if (index == null || !FORMAT.equals(index.path("format").asText())) {
                throw new CheckpointException(file, "format is not " + FORMAT);
            }
            if (index.path("version").asInt(-1) != VERSION) {
                throw new CheckpointException(file, "version " + index.path("version") + " is not the supported " + VERSION);
            }
            Map<String, INDArray> arrays = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = index.path("arrays").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                byte[] bytes = entries.get("arrays/" + f.getKey());
                if (bytes == null) {
                    throw new CheckpointException(file, "array " + f.getKey() + " is missing");
                }
                if (!Checksums.sha256(bytes).equals(f.getValue().path("sha256").asText())) {
                    throw new CheckpointException(file, "array " + f.getKey() + " is corrupt (checksum mismatch)");
                }
                long[] shape = shape(f.getValue().path("shape"), f.getKey(), file);
                try {
                    arrays.put(f.getKey(), NamedArrays.decode(bytes, shape));
                } catch (IllegalArgumentException e) {
                    throw new CheckpointException(file, "array " + f.getKey() + " " + e.getMessage());
                }
            }
            return unflatten(index, arrays, file);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file, "unreadable contents (" + firstLine(e) + ")", e);
        }
    }

    /** The dimensions in {@code node}: a non-empty array of integers in {@code 1..Integer.MAX_VALUE}. */
    private static long[] shape(JsonNode node, String array, Path file) {
        if (!node.isArray() || node.isEmpty()) {
            throw new CheckpointException(file, "array " + array + " has no shape");
        }
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() <= 0 || d.asLong() > Integer.MAX_VALUE) {
                throw new CheckpointException(file, "array " + array + " has an impossible shape " + node);
            }
            shape[i] = d.asLong();
        }
        return shape;
    }

    /** The first line of {@code e}'s message, without the source location Jackson appends. */
    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    private static byte[] readBounded(InputStream in, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new CheckpointException(file, "an entry exceeds " + MAX_ENTRY_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Map<String, INDArray> flatten(TrainingCheckpoint c) {
        // entries in the order of their names, as in files written when arrays were keyed by name
        Map<String, INDArray> network = new TreeMap<>();
        c.arrays().forEach((key, a) -> network.put(key.graphName(), a));
        Map<String, INDArray[]> moments = new TreeMap<>();
        c.adamMoments().forEach((key, m) -> moments.put(key.graphName(), m));
        Map<String, INDArray> all = new LinkedHashMap<>();
        network.forEach((name, a) -> all.put("network/" + name, a));
        moments.forEach((name, m) -> {
            all.put("adam-m/" + name, m[0]);
            all.put("adam-v/" + name, m[1]);
        });
        return all;
    }

    private static ObjectNode index(TrainingCheckpoint c) {
        ObjectNode index = MAPPER.createObjectNode();
        index.put("format", FORMAT);
        index.put("version", VERSION);
        index.put("fingerprint", c.fingerprint());
        index.put("completedEpochs", c.completedEpochs());
        index.set("initialWidths", MAPPER.valueToTree(c.initialWidths()));
        index.put("adamStep", c.adamStep());
        index.set("priors", MAPPER.valueToTree(c.priors()));
        index.set("epochsBelow", MAPPER.valueToTree(c.epochsBelow()));
        index.set("history", MAPPER.valueToTree(c.history()));
        if (c.architecture() != null) {
            index.set("architecture", architectureJson(c.architecture()));
        }
        return index;
    }

    private static ObjectNode architectureJson(Architecture a) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", a.name());
        node.putArray("input").add(a.input().channels()).add(a.input().height()).add(a.input().width());
        ArrayNode layers = node.putArray("layers");
        for (LayerSpec layer : a.layers()) {
            ObjectNode l = layers.addObject();
            l.put("kind", layer.kind().name());
            l.put("units", layer.units());
            l.put("kernel", layer.kernel());
            l.put("padding", layer.padding() == null ? null : layer.padding().name());
            l.put("pool", layer.pool());
            if (layer.batchNorm()) {
                l.put("batchNorm", true);
            }
            if (layer.stride() != 1) {
                l.put("stride", layer.stride());
            }
            if (layer.globalPool()) {
                l.put("globalPool", true);
            }
            if (!layer.wiring().isChain()) {
                l.put("source", layer.wiring().source());
                l.put("shortcut", layer.wiring().shortcut());
                l.put("projection", layer.wiring().projection());
            }
        }
        return node;
    }

    private static Architecture architectureOf(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        JsonNode in = node.path("input");
        List<LayerSpec> layers = new ArrayList<>();
        for (JsonNode l : node.path("layers")) {
            String padding = l.path("padding").asText(null);
            layers.add(new LayerSpec(LayerKind.valueOf(l.path("kind").asText()), l.path("units").asInt(),
                    l.path("kernel").asInt(), padding == null ? null : ConvPadding.valueOf(padding),
                    l.path("pool").asBoolean(), l.path("batchNorm").asBoolean(false), l.path("stride").asInt(1),
                    l.path("globalPool").asBoolean(false), new LayerWiring(l.path("source").asInt(1),
                    l.path("shortcut").asInt(0), l.path("projection").asBoolean(false))));
        }
        return new Architecture(node.path("name").asText(), new ImageShape(in.path(0).asInt(), in.path(1).asInt(),
                in.path(2).asInt()), layers);
    }

    /** The key of the array named {@code entry}, after its {@code folder}. */
    private static ParameterKey parameterKey(String entry, String folder, Path file) {
        try {
            return ParameterKey.parse(entry.substring(folder.length()));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "unknown array " + entry);
        }
    }

    private static TrainingCheckpoint unflatten(JsonNode index, Map<String, INDArray> all, Path file) throws IOException {
        Map<ParameterKey, INDArray> network = new LinkedHashMap<>();
        Map<ParameterKey, INDArray[]> moments = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : all.entrySet()) {
            String entry = e.getKey();
            if (entry.startsWith("network/")) {
                network.put(parameterKey(entry, "network/", file), e.getValue());
            } else if (entry.startsWith("adam-m/") || entry.startsWith("adam-v/")) {
                ParameterKey key = parameterKey(entry, entry.substring(0, 7), file);
                moments.computeIfAbsent(key, k -> new INDArray[2])[entry.startsWith("adam-m/") ? 0 : 1] = e.getValue();
            } else {
                throw new CheckpointException(file, "unknown array " + entry);
            }
        }
        for (Map.Entry<ParameterKey, INDArray[]> e : moments.entrySet()) {
            INDArray[] pair = e.getValue();
            if (pair[0] == null || pair[1] == null) {
                throw new CheckpointException(file, "optimizer moments of " + e.getKey() + " are incomplete");
            }
            INDArray parameter = network.get(e.getKey());
            if (!pair[0].equalShapes(pair[1]) || parameter != null && !parameter.equalShapes(pair[0])) {
                throw new CheckpointException(file, "array " + e.getKey() + " and its optimizer moments differ in shape");
            }
            if (pair[1].minNumber().doubleValue() < 0) {
                throw new CheckpointException(file, "second moment of " + e.getKey() + " is negative");
            }
        }
        List<LayerPrior> priors = new ArrayList<>();
        for (JsonNode p : index.path("priors")) {
            priors.add(new LayerPrior(p.path("inclusion").asDouble(), p.path("slabVariance").asDouble(),
                    p.path("spikeVariance").asDouble()));
        }
        List<EpochReport> history = new ArrayList<>();
        for (JsonNode h : index.path("history")) {
            history.add(MAPPER.treeToValue(h, EpochReport.class));
        }
        int completed = index.path("completedEpochs").asInt(-1);
        if (completed < 1 || history.size() != completed) {
            throw new CheckpointException(file, "inconsistent epoch count " + completed + " with " + history.size() + " reports");
        }
        return new TrainingCheckpoint(index.path("fingerprint").asText(), completed,
                MAPPER.treeToValue(index.path("initialWidths"), int[].class), network, index.path("adamStep").asLong(),
                moments, priors, MAPPER.treeToValue(index.path("epochsBelow"), int[][].class), history,
                architectureOf(index.path("architecture")));
    }
}
