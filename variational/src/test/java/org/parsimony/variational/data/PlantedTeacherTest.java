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
    void smoothImagesVaryAlongFewDirectionsAndTheirLabelsAreBalanced() {
        PlantedTeacher teacher = PlantedTeacher.random(28 * 28, 10, 28, 10, 5).withSmoothImages(7);
        LabeledData data = teacher.sample(4000, 0, 11);
        float[] row = new float[28 * 28];
        double neighbours = 0;
        double distant = 0;
        double variance = 0;
        int[] counts = new int[10];
        for (int e = 0; e < data.size(); e++) {
            data.copyFeatures(e, row, 0);
            for (float x : row) {
                assertEquals(Math.round(x * 255) / 255f, x, 0f);
            }
            // centred products: horizontally adjacent pixels against pixels half an image apart
            neighbours += (row[14 * 28 + 10] - 0.5) * (row[14 * 28 + 11] - 0.5);
            distant += (row[14 * 28 + 0] - 0.5) * (row[14 * 28 + 14] - 0.5);
            variance += (row[14 * 28 + 10] - 0.5) * (row[14 * 28 + 10] - 0.5);
            counts[data.label(e)]++;
        }
        // white-noise pixels would give correlations of 0 for both pairs
        assertTrue(neighbours / variance > 0.7, "adjacent pixels are correlated: " + neighbours / variance);
        assertTrue(Math.abs(distant / variance) < 0.1, "distant pixels are not: " + distant / variance);
        for (int c : counts) {
            // without the output bias one class took 38 % of the labels (measured), at most 3x the uniform 10 %
            assertTrue(c > 0 && c < 0.3 * data.size(), "classes are balanced: " + java.util.Arrays.toString(counts));
        }
        LabeledData white = PlantedTeacher.random(28 * 28, 10, 28, 10, 5).sample(4000, 0, 11);
        assertNotEquals(java.util.Arrays.toString(white.labels()), java.util.Arrays.toString(data.labels()));
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(60, 5, 8, 4, 1).withSmoothImages(4));
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(64, 5, 8, 4, 1).withSmoothImages(9));
    }

    @Test
    void rejectsImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(64, 0, 8, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(64, 5, 65, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(64, 5, 8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PlantedTeacher.random(64, 5, 8, 4, 1).sample(10, 1.5, 1));
    }
}
