package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyFileTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("study.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void aFractionWhereAnIntegerBelongsIsRefusedNamingTheField() throws IOException {
        for (String field : new String[] {"\"seeds\": [1.7]", "\"denseEpochs\": 1.5", "\"epochs\": 2.5", "\"fineTune\": 0.5"}) {
            Path file = write("{\"datasets\": [\"subset\"], " + field + "}");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyFile.read(file), field);
            String name = field.substring(0, field.indexOf(':'));
            assertTrue(e.getMessage().contains("field " + name + ": must be an integer, got ")
                    && e.getMessage().contains(file.toString()),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        StudyFile integers = StudyFile.read(write("{\"seeds\": [1, 2], \"denseEpochs\": 3, \"ratios\": [0.5]}"));
        assertEquals(List.of(1L, 2L), integers.seeds());
        assertEquals(3, integers.denseEpochs());
        assertEquals(List.of(0.5), integers.ratios());
    }

    @Test
    void anExplicitNullIsRefusedInsteadOfTakingTheDefault() throws IOException {
        Path file = write("{\"datasets\": [\"subset\"], \"archs\": null}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyFile.read(file));
        assertTrue(e.getMessage().contains(file + " is malformed: field \"archs\" is null"), e.getMessage());
        assertEquals(null, StudyFile.read(write("{\"datasets\": [\"subset\"]}")).archs(), "an absent field is still the default");
    }

    @Test
    void granularityScopeAndRoundsAreReadAndABadGranularityNamesTheField() throws IOException {
        StudyFile file = StudyFile.read(write("{\"granularity\": \"weights\", \"scope\": \"GLOBAL\", \"rounds\": 3}"));
        assertEquals(Granularity.weights, file.granularity());
        assertEquals(org.parsimony.pruning.policy.RatioScope.GLOBAL, file.scope());
        assertEquals(3, file.rounds());
        Path bad = write("{\"granularity\": \"filters\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyFile.read(bad));
        assertTrue(e.getMessage().contains("field \"granularity\""), e.getMessage());
        // a budget written before these settings existed reads as units, layer-wise, one round
        StudyBudget old = new com.fasterxml.jackson.databind.ObjectMapper().readValue("{\"denseEpochs\": 10, "
                + "\"variationalEpochs\": 10, \"fineTuneEpochs\": 2, \"bootstrapWindow\": 50, \"inputs\": \"raw\"}",
                StudyBudget.class);
        assertEquals(new StudyBudget(10, 10, 2, 50, org.parsimony.variational.data.InputScaling.raw), old);
    }
}
