package org.parsimony.experiments.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Small CIFAR-10-format batches with learnable structure, written by tests: an image of class {@code k} is noise with a
 * bright 8x8 square in channel {@code k % 3} at one of four corners ({@code k / 3 % 4}), plus a brighter centre for
 * classes 6..9 in channel {@code (k + 1) % 3}, so a small conv net tells the classes apart within an epoch or two.
 */
public final class CifarFiles {
    private CifarFiles() {
    }

    /** The bytes of a batch of {@code n} images, labels cycling 0..9 from {@code first}, noise from {@code seed}. */
    public static byte[] batch(int n, int first, long seed) {
        Random random = new Random(seed);
        int[] labels = new int[n];
        byte[] pixels = new byte[n * 3072];
        for (int i = 0; i < n; i++) {
            int k = (first + i) % 10;
            labels[i] = k;
            for (int p = 0; p < 3072; p++) {
                pixels[i * 3072 + p] = (byte) random.nextInt(100);
            }
            int corner = k / 3 % 4;
            paint(pixels, i, k % 3, corner / 2 * 20 + 2, corner % 2 * 20 + 2, 8);
            if (k >= 6) {
                paint(pixels, i, (k + 1) % 3, 12, 12, 8);
            }
        }
        return CifarBinary.encode(labels, pixels);
    }

    private static void paint(byte[] pixels, int image, int channel, int top, int left, int side) {
        for (int y = top; y < top + side; y++) {
            for (int x = left; x < left + side; x++) {
                pixels[image * 3072 + channel * 1024 + y * 32 + x] = (byte) 250;
            }
        }
    }

    /** The six files by name: five training batches of {@code perBatch} images and a test batch of {@code test}. */
    public static Map<String, byte[]> files(int perBatch, int test) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int b = 0; b < CifarBinary.TRAIN_FILES.size(); b++) {
            files.put(CifarBinary.TRAIN_FILES.get(b), batch(perBatch, b, 100 + b));
        }
        files.put(CifarBinary.TEST_FILE, batch(test, 0, 99));
        return files;
    }

    /** Writes {@link #files} into {@code directory} and returns it. */
    public static Path write(Path directory, int perBatch, int test) {
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> file : files(perBatch, test).entrySet()) {
                Files.write(directory.resolve(file.getKey()), file.getValue());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gzipped tar holding {@code files} under {@code cifar-10-batches-bin/}, as the official archive does. */
    public static byte[] archive(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
