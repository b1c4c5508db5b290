package org.parsimony.variational.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Feeds 200 mutated IDX files (raw and gzipped) to the loader: only {@link DataFileException} naming the file may come out. */
class IdxFuzzTest {
    @TempDir
    Path dir;

    private static byte[] raw(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    @Test
    void mutatedFilesGiveOnlyDataFileExceptionsNamingTheFile() throws IOException {
        SplittableRandom random = new SplittableRandom(2024);
        byte[] pixels = new byte[40 * 28 * 28];
        byte[] labels = new byte[40];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        IdxFile images = new IdxFile(new int[] {40, 28, 28}, pixels);
        IdxFile labelFile = new IdxFile(new int[] {40}, labels);
        String[] names = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
        byte[][] gz = {images.toGzipBytes(), labelFile.toGzipBytes(), images.toGzipBytes(), labelFile.toGzipBytes()};
        byte[][] plain = {raw(images.dimensions(), pixels), raw(labelFile.dimensions(), labels),
                raw(images.dimensions(), pixels), raw(labelFile.dimensions(), labels)};

        int rejected = 0;
        for (int trial = 0; trial < 200; trial++) {
            Path folder = Files.createDirectories(dir.resolve("t" + trial));
            boolean gzipped = trial % 2 == 0;
            int victim = random.nextInt(4);
            for (int f = 0; f < 4; f++) {
                byte[] bytes = gzipped ? gz[f] : plain[f];
                if (f == victim) {
                    bytes = mutate(bytes, random);
                }
                Files.write(folder.resolve(names[f] + (gzipped ? ".gz" : "")), bytes);
            }
            try {
                TrainTestSplit split = IdxImageDataset.fromDirectory(folder);
                assertEquals(split.train().featureCount(), split.test().featureCount());
            } catch (DataFileException expected) {
                assertTrue(expected.getMessage().contains(names[victim]), "names the mutated file: " + expected.getMessage());
                rejected++;
            } catch (RuntimeException other) {
                fail("trial " + trial + " (" + names[victim] + ", gzip " + gzipped + "): " + other, other);
            }
        }
        assertTrue(rejected > 100, "most mutations are detected, got " + rejected);
    }

    static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] b = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int k = 0; k < flips; k++) {
                    // bias towards the header, where the interesting failures are
                    int pos = random.nextBoolean() ? random.nextInt(Math.min(16, b.length)) : random.nextInt(b.length);
                    b[pos] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 2 -> {
                byte[] out = Arrays.copyOf(b, b.length + 1 + random.nextInt(64));
                for (int k = b.length; k < out.length; k++) {
                    out[k] = (byte) random.nextInt(256);
                }
                b = out;
            }
            default -> {
                int pos = random.nextInt(Math.min(12, b.length));
                b[pos] = (byte) random.nextInt(256);
            }
        }
        return b;
    }
}
