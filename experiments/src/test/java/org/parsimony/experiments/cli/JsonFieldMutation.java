package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Sets one field (or array element) of a JSON document, chosen at random, to a huge, negative, zero, fractional or
 * wrongly typed value, or removes it: the document stays valid JSON, so the change reaches the reader's checks.
 */
final class JsonFieldMutation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> VALUES = List.of(NODES.numberNode(Integer.MAX_VALUE),
            NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Integer.MIN_VALUE), NODES.numberNode(-1),
            NODES.numberNode(0), NODES.numberNode(0.5), NODES.numberNode(1e300), NODES.numberNode(-1e300),
            NODES.textNode("x"), NODES.nullNode(), NODES.arrayNode(), NODES.objectNode(), NODES.booleanNode(true));

    private JsonFieldMutation() {
    }

    /** One field of {@code document}, picked by {@code random} among all its fields and elements, changed. */
    static Mutation of(SplittableRandom random, byte[] document) {
        List<String> pointers = new ArrayList<>();
        collect(parse(document), "", pointers);
        String pointer = pointers.get(random.nextInt(pointers.size()));
        int value = random.nextInt(VALUES.size() + 1);
        if (value == VALUES.size()) {
            return new Mutation("JSON field " + pointer + " removed", b -> edit(b, pointer, null));
        }
        JsonNode replacement = VALUES.get(value);
        return new Mutation("JSON field " + pointer + " set to " + replacement, b -> edit(b, pointer, old -> replacement.deepCopy()));
    }

    /**
     * {@code document} with the node at {@code pointer} (e.g. {@code /arrays/x/shape}) replaced by {@code edit}'s
     * result, or removed if {@code edit} is null.
     */
    static byte[] edit(byte[] document, String pointer, UnaryOperator<JsonNode> edit) {
        JsonNode root = parse(document);
        int slash = pointer.lastIndexOf('/');
        JsonNode container = slash == 0 ? root : root.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (container instanceof ObjectNode o) {
            if (edit == null) {
                o.remove(name);
            } else {
                o.set(name, edit.apply(o.get(name)));
            }
        } else if (container instanceof ArrayNode a) {
            int i = Integer.parseInt(name);
            if (edit == null) {
                a.remove(i);
            } else {
                a.set(i, edit.apply(a.get(i)));
            }
        }
        return write(root);
    }

    static JsonNode parse(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(JsonNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, String pointer, List<String> pointers) {
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(name -> {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                pointers.add(child);
                collect(o.get(name), child, pointers);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                pointers.add(pointer + "/" + i);
                collect(a.get(i), pointer + "/" + i, pointers);
            }
        }
    }
}
