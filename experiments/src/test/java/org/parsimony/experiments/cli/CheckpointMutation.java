package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.parsimony.variational.io.Checksums;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Changes the inside of a training checkpoint (a zip of {@code checkpoint.json} and raw float32 arrays) while keeping
 * it a valid zip whose checksums match: a field of the index, an array's shape reversed (same size), or an array value
 * no checkpoint holds with the SHA-256 updated. These reach the checks behind the zip and the checksums.
 */
final class CheckpointMutation {
    static final String INDEX = "checkpoint.json";
    private static final float[] NON_FINITE = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

    private CheckpointMutation() {
    }

    static Mutation of(SplittableRandom random, byte[] checkpoint) {
        Map<String, byte[]> entries = entries(checkpoint);
        byte[] index = entries.get(INDEX);
        List<String> arrays = new ArrayList<>();
        JsonFieldMutation.parse(index).path("arrays").fieldNames().forEachRemaining(arrays::add);
        String array = arrays.get(random.nextInt(arrays.size()));
        String pointer = "/arrays/" + array.replace("/", "~1");
        return switch (random.nextInt(4)) {
            case 0, 1 -> {
                Mutation field = JsonFieldMutation.of(random, index);
                yield new Mutation("checkpoint index: " + field.description(), b -> withEntry(b, INDEX, field.change()));
            }
            case 2 -> new Mutation("checkpoint array " + array + ": shape reversed", b -> withEntry(b, INDEX,
                    i -> JsonFieldMutation.edit(i, pointer + "/shape", CheckpointMutation::reversed)));
            default -> {
                float poison = impossibleValue(array, random);
                double fraction = random.nextDouble();
                yield new Mutation("checkpoint array " + array + ": a value set to " + poison + ", SHA-256 updated", b -> {
                    Map<String, byte[]> all = entries(b);
                    byte[] values = all.get("arrays/" + array);
                    int k = (int) (fraction * (values.length / 4));
                    ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * k, poison);
                    all.put(INDEX, JsonFieldMutation.edit(all.get(INDEX), pointer + "/sha256",
                            old -> JsonNodeFactory.instance.textNode(Checksums.sha256(values))));
                    return zip(all);
                });
            }
        };
    }

    /**
     * A value no checkpoint holds: NaN or infinite (checkpoints are written after finite epochs only), a gate
     * probability outside [0, 1] or a negative second moment.
     */
    private static float impossibleValue(String array, SplittableRandom random) {
        if (array.startsWith("network/gate") && random.nextBoolean()) {
            return random.nextBoolean() ? 1.5f : -0.5f;
        }
        if (array.startsWith("adam-v/") && random.nextBoolean()) {
            return -1f;
        }
        return NON_FINITE[random.nextInt(NON_FINITE.length)];
    }

    private static JsonNode reversed(JsonNode shape) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = shape.size() - 1; i >= 0; i--) {
            out.add(shape.get(i));
        }
        return out;
    }

    /** {@code checkpoint} with entry {@code name} changed by {@code change}. */
    static byte[] withEntry(byte[] checkpoint, String name, java.util.function.UnaryOperator<byte[]> change) {
        Map<String, byte[]> all = entries(checkpoint);
        all.put(name, change.apply(all.get(name)));
        return zip(all);
    }

    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
