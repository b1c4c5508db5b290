package org.parsimony.variational.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlantedTeacherTest {

    @Test
    void theSameSeedsGiveTheSameDataAndPixelsLieOnTheEightBitGrid() {
        LabeledData a = PlantedTeacher.random(64, 5, 8, 4, 3).sample(200, 0.1, 9);
        LabeledData b = PlantedTeacher.random(64, 5, 8, 4, 3).sample(200, 0.1, 9);
        assertArrayEquals(a.labels(), b.labels());
        float[] row = new float[64];
        for (int e = 0; e < a.size(); e++) {
            a.copyFeatures(e, row, 0);
            for (float x : row) {
                assertEquals(Math.round(x * 255) / 255f, x, 0f);
            }
        }
        assertNotEquals(java.util.Arrays.toString(a.labels()),
                java.util.Arrays.toString(PlantedTeacher.random(64, 5, 8, 4, 4).sample(200, 0.1, 9).labels()));
    }

    @Test
    void labelNoiseReplacesTheExpectedShareOfLabels() {
        PlantedTeacher teacher = PlantedTeacher.random(64, 5, 8, 4, 3);
        int n = 20000;
        int[] clean = teacher.sample(n, 0, 9).labels();
        int[] noisy = teacher.sample(n, 0.3, 9).labels();
        int differ = 0;
        int[] counts = new int[4];
        for (int e = 0; e < n; e++) {
            differ += clean[e] != noisy[e] ? 1 : 0;
            counts[clean[e]]++;
        }
        // the same pixels are drawn whatever the noise, so only replaced labels differ: 0.3 * (1 - 1/4) of them
        assertEquals(0.3 * 0.75, differ / (double) n, 0.015);
        assertEquals(1 - 0.3 * 0.75, teacher.accuracyUnder(0.3), 1e-12);
        for (int c : counts) {
            assertTrue(c > 0, "every class occurs: " + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void rejectsImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(64, 0, 8, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(64, 5, 65, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(64, 5, 8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(64, 5, 8, 4, 1).sample(10, 1.5, 1));
    }
}
