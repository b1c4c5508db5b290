package org.parsimony.experiments.data;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.data.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.LabeledData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CIFAR-10 binary reader: record layout, per-channel standardisation, and errors that name the file. */
class CifarBinaryTest {
    @TempDir
    Path dir;

    @Test
    void aRecordIsItsLabelThenTheRedGreenAndBluePlanes() throws IOException {
        byte[] pixels = new byte[2 * 3072];
        pixels[0] = (byte) 255;               // image 0, red (0, 0)
        pixels[1024 + 33] = (byte) 51;        // image 0, green (1, 1)
        pixels[3072 + 2048 + 1023] = (byte) 102; // image 1, blue (31, 31)
        Path file = dir.resolve("b.bin");
        Files.write(file, CifarBinary.encode(new int[] {7, 2}, pixels));
        LabeledData data = CifarBinary.readBatch(file);
        assertEquals(2, data.size());
        assertEquals(7, data.label(0));
        assertEquals(2, data.label(1));
        float[] row = new float[3072];
        data.copyFeatures(0, row, 0);
        assertEquals(1f, row[0]);
        assertEquals(0.2f, row[1024 + 33], 1e-7);
        data.copyFeatures(1, row, 0);
        assertEquals(0.4f, row[3071], 1e-7);
    }

    @Test
    void theSplitIsStandardisedPerChannelByTheTrainingPart() {
        TrainTestSplit split = CifarBinary.fromDirectory(CifarFiles.write(dir.resolve("c"), 20, 10));
        assertEquals(100, split.train().size());
        assertEquals(10, split.test().size());
        assertEquals(CifarBinary.IMAGE, split.image());
        assertTrue(split.source().contains("standardised per channel"), split.source());
        float[] row = new float[3072];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < split.train().size(); i++) {
                split.train().copyFeatures(i, row, 0);
                for (int p = c * 1024; p < (c + 1) * 1024; p++) {
                    sum += row[p];
                    squares += row[p] * row[p];
                }
            }
            double n = split.train().size() * 1024.0;
            assertEquals(0, sum / n, 1e-4, "channel " + c);
            assertEquals(1, squares / n, 1e-3, "channel " + c);
        }
    }

    @Test
    void aFileThatIsNotWholeRecordsIsNamed() throws IOException {
        Path file = dir.resolve("short.bin");
        Files.write(file, new byte[3073 * 2 - 5]);
        DataFileException e = assertThrows(DataFileException.class, () -> CifarBinary.readBatch(file));
        assertEquals(file + ": has 6141 bytes, not a whole number of 3073-byte CIFAR-10 records (1 label byte + 3072 "
                + "pixel bytes)", e.getMessage());
        Files.write(file, new byte[0]);
        assertTrue(assertThrows(DataFileException.class, () -> CifarBinary.readBatch(file)).getMessage()
                .startsWith(file + ": has 0 bytes"));
    }

    @Test
    void aLabelAboveNineIsNamedWithItsRecordAndFile() throws IOException {
        Path data = CifarFiles.write(dir.resolve("c"), 5, 5);
        byte[] bytes = Files.readAllBytes(data.resolve("data_batch_3.bin"));
        bytes[2 * 3073] = 10;
        Files.write(data.resolve("data_batch_3.bin"), bytes);
        DataFileException e = assertThrows(DataFileException.class, () -> CifarBinary.fromDirectory(data));
        assertEquals(data.resolve("data_batch_3.bin") + ": label 10 of record 2 is not a class 0..9", e.getMessage());
    }

    @Test
    void aMissingBatchIsNamed() throws IOException {
        Path data = CifarFiles.write(dir.resolve("c"), 5, 5);
        Files.delete(data.resolve("test_batch.bin"));
        DataFileException e = assertThrows(DataFileException.class, () -> CifarBinary.fromDirectory(data));
        assertEquals(data.resolve("test_batch.bin") + ": file not found", e.getMessage());
    }
}
