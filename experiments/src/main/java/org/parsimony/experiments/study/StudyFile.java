package org.parsimony.experiments.study;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.parsimony.variational.data.InputScaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON form of a study ({@code --study FILE}); absent fields fall back to the command's options. Example:
 * <pre>{"datasets": ["subset"], "archs": ["lenet300", "mlp:600,200"], "methods": ["variational", "mu", "random"],
 *  "ratios": [0.5, 0.9], "seeds": [1, 2, 3], "denseEpochs": 10, "epochs": 10, "fineTune": 2,
 *  "inputs": "standardized", "granularity": "units", "scope": "LAYER_WISE", "rounds": 1}</pre>
 *
 * @param datasets    data set names
 * @param archs       architecture names
 * @param methods     method names
 * @param ratios      fractions of hidden units removed by the criteria
 * @param seeds       seeds
 * @param denseEpochs epochs of the dense start
 * @param epochs      epochs of variational training
 * @param fineTune    fine-tuning epochs of every method
 * @param inputs      {@code standardized} or {@code raw} pixels for every run
 * @param granularity {@code units} or {@code weights}: what the criteria remove
 * @param scope       {@code LAYER_WISE} or {@code GLOBAL}: one ranking per layer or over the whole net
 * @param rounds      prune-and-fine-tune rounds of the criteria
 */
public record StudyFile(List<String> datasets, List<String> archs, List<String> methods, List<Double> ratios,
                        List<Long> seeds, Integer denseEpochs, Integer epochs, Integer fineTune,
                        InputScaling inputs, Granularity granularity, org.parsimony.pruning.policy.RatioScope scope,
                        Integer rounds) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)) // no null inside a list
            // "seeds": [1.7] or "denseEpochs": 1.5 would otherwise run silently as 1
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private static final Pattern FRACTION = Pattern.compile("Cannot coerce Floating-point value \\(([^)]*)\\)");

    /**
     * Reads a study file.
     *
     * @throws IllegalArgumentException in one line naming the file and the problem (missing, not JSON, unknown field)
     */
    public static StudyFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("study file " + file + " not found");
        }
        try {
            String text = Files.readString(file);
            JsonNode tree = MAPPER.readTree(text);
            if (tree != null && tree.isObject()) {
                // an explicit null would read as an absent field and silently take the default (Jackson's
                // Nulls.FAIL would also refuse the absent fields of this record)
                tree.fields().forEachRemaining(field -> {
                    if (field.getValue().isNull()) {
                        throw new IllegalArgumentException("study file " + file + " is malformed: field \""
                                + field.getKey() + "\" is null; leave it out to take the default");
                    }
                });
            }
            StudyFile f = MAPPER.readValue(text, StudyFile.class);
            if (f == null) {
                throw new IllegalArgumentException("study file " + file + " is empty");
            }
            return f;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("study file " + file + " is malformed: " + field(e) + problem(e)
                    + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("study file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Jackson's first line, or for a fraction where an integer belongs, {@code must be an integer, got 1.7}. */
    private static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage().lines().findFirst().orElse("");
        Matcher fraction = FRACTION.matcher(message);
        return fraction.find() ? "must be an integer, got " + fraction.group(1) : message;
    }

    /** {@code field "seeds": } for an error inside a field's value, else nothing. */
    private static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty() && m.getPath().get(0).getFieldName() != null) {
            return "field \"" + m.getPath().get(0).getFieldName() + "\": ";
        }
        return "";
    }
}
