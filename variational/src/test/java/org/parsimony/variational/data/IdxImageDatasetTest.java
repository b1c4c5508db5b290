package org.parsimony.variational.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxImageDatasetTest {
    @TempDir
    Path dir;

    @Test
    void bundledSubsetIsStratifiedAndScaled() {
        TrainTestSplit split = IdxImageDataset.bundledFashionMnistSubset();
        assertEquals(10_000, split.train().size());
        assertEquals(2_000, split.test().size());
        assertEquals(784, split.train().featureCount());
        assertPerClass(split.train(), 1_000);
        assertPerClass(split.test(), 200);
        float[] row = new float[784];
        float max = 0;
        for (int i = 0; i < 100; i++) {
            split.train().copyFeatures(i, row, 0);
            for (float v : row) {
                assertTrue(v >= 0 && v <= 1);
                max = Math.max(max, v);
            }
        }
        assertEquals(1.0f, max, 1e-6f, "some pixel should be saturated");
    }

    private static void assertPerClass(LabeledData data, int expected) {
        int[] counts = new int[10];
        for (int y : data.labels()) {
            counts[y]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(expected, counts[c], "class " + c);
        }
    }

    private void writeSplit(String prefix, int images, int labels, byte label) throws IOException {
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), new IdxFile(new int[] {images, 2, 2}, new byte[images * 4]).toGzipBytes());
        byte[] y = new byte[labels];
        java.util.Arrays.fill(y, label);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), IdxFileTest.rawIdx(new int[] {labels}, y));
    }

    @Test
    void loadsADirectoryMixingRawAndGzippedFiles() throws IOException {
        writeSplit("train", 5, 5, (byte) 3);
        writeSplit("t10k", 2, 2, (byte) 9);
        TrainTestSplit split = IdxImageDataset.fromDirectory(dir);
        assertEquals(5, split.train().size());
        assertEquals(4, split.train().featureCount());
        assertEquals(9, split.test().label(1));
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        writeSplit("train", 5, 4, (byte) 1);
        writeSplit("t10k", 2, 2, (byte) 1);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxImageDataset.fromDirectory(dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz") && e.getMessage().contains("train-labels-idx1-ubyte")
                && e.getMessage().contains("5 images") && e.getMessage().contains("4 labels"), e.getMessage());
    }

    @Test
    void labelOutsideTheClassesIsRejected() throws IOException {
        writeSplit("train", 3, 3, (byte) 10);
        writeSplit("t10k", 2, 2, (byte) 1);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxImageDataset.fromDirectory(dir));
        assertTrue(e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void missingDirectoryAndFilesAreNamed() throws IOException {
        DataFileException noDir = assertThrows(DataFileException.class, () -> IdxImageDataset.fromDirectory(dir.resolve("absent")));
        assertTrue(noDir.getMessage().contains("absent"));
        writeSplit("train", 2, 2, (byte) 0);
        DataFileException noTest = assertThrows(DataFileException.class, () -> IdxImageDataset.fromDirectory(dir));
        assertTrue(noTest.getMessage().contains("t10k-images-idx3-ubyte"), noTest.getMessage());
    }
}
