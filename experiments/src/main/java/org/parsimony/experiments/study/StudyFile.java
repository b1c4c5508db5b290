package org.parsimony.experiments.study;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.parsimony.experiments.data.InputScaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON form of a study ({@code --study FILE}); absent fields fall back to the command's options. Example:
 * <pre>{"datasets": ["subset"], "archs": ["lenet300", "mlp:600,200"], "methods": ["variational", "mu", "random"],
 *  "ratios": [0.5, 0.9], "seeds": [1, 2, 3], "denseEpochs": 10, "epochs": 10, "fineTune": 2,
 *  "inputs": "standardized"}</pre>
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
 */
public record StudyFile(List<String> datasets, List<String> archs, List<String> methods, List<Double> ratios,
                        List<Long> seeds, Integer denseEpochs, Integer epochs, Integer fineTune,
                        InputScaling inputs) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)); // no null inside a list

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
            StudyFile f = MAPPER.readValue(Files.readString(file), StudyFile.class);
            if (f == null) {
                throw new IllegalArgumentException("study file " + file + " is empty");
            }
            return f;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("study file " + file + " is malformed: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("study file " + file + " cannot be read: " + e.getMessage());
        }
    }
}
