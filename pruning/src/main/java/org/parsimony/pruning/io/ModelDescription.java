package org.parsimony.pruning.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A model file's JSON description as read back, with readers that turn a missing or malformed field into a
 * {@link ModelFileException} naming the description file, so that every model format reports bad input alike.
 *
 * @param file the description file
 * @param root its top-level object
 */
record ModelDescription(Path file, JsonNode root) {
    /** How descriptions are written: indented, so that people can read them. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Parses {@code file}.
     *
     * @throws ModelFileException if it is missing, unreadable, not JSON or not a JSON object
     */
    static ModelDescription read(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject()) {
                throw new ModelFileException(file, "description is not a JSON object");
            }
            return new ModelDescription(file, node);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "description file is missing (expected next to the graph file)");
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "description is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read description: " + e.getMessage(), e);
        }
    }

    /** The {@code format} field, {@code ""} when absent. */
    String format() {
        return root.path("format").asText("");
    }

    /** @throws ModelFileException unless the description is of {@code format} in version {@code version} */
    void requireFormat(String format, int version) {
        if (!format.equals(format())) {
            throw error("not a " + format + " description (format \"" + format() + "\"; " + ModelFiles.class.getSimpleName()
                    + ".load reads every model format)");
        }
        int actual = root.path("formatVersion").asInt(-1);
        if (actual != version) {
            throw error("format version " + actual + " is not supported (this reader: " + version + ")");
        }
    }

    /** Field {@code field} of {@code node} as a positive {@code int}. */
    int positiveInt(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.canConvertToInt() || value.asInt() <= 0) {
            throw error("\"" + field + "\" must be a positive integer, got " + value + " in " + node);
        }
        return value.asInt();
    }

    /** Field {@code field} of {@code node} as text. */
    String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw error("\"" + field + "\" must be a string, got " + value + " in " + node);
        }
        return value.asText();
    }

    /** Top-level field {@code field} as an array of at least {@code minSize} elements. */
    JsonNode array(String field, int minSize) {
        JsonNode value = root.path(field);
        if (!value.isArray() || value.size() < minSize) {
            throw error("\"" + field + "\" must be an array of at least " + minSize + " elements, got " + value);
        }
        return value;
    }

    /** Top-level field {@code field} as an array of positive integers, at least {@code minSize} of them. */
    int[] positiveInts(String field, int minSize) {
        JsonNode node = array(field, minSize);
        int[] values = new int[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).canConvertToInt() || node.get(i).asInt() <= 0) {
                throw error("\"" + field + "\" must be positive integers, got " + node);
            }
            values[i] = node.get(i).asInt();
        }
        return values;
    }

    /** A {@link ModelFileException} about this description. */
    ModelFileException error(String problem) {
        return new ModelFileException(file, problem);
    }
}
