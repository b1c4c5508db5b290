package org.parsimony.experiments.data;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.data.DataFileException;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.io.IoCause;
import org.parsimony.variational.network.ChannelStandardization;
import org.parsimony.variational.network.ImageShape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its binary version (Krizhevsky 2009, {@code cifar-10-binary.tar.gz}): the training batches
 * {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code test_batch.bin}, each a sequence of 3,073-byte records,
 * one label byte (0..9) then the 32x32 red, green and blue planes of 1,024 row-major pixel bytes each. That order is
 * our NCHW flattening ({@code c H W + y W + x}), so a record's pixels are a feature row as they stand.
 *
 * <p>Pixels are scaled to [0, 1] and then standardised per channel by the training set's channel means and standard
 * deviations ({@link ChannelStandardization}), as CIFAR networks are trained; the data source says by which numbers.
 * A file of the wrong size or a label above 9 is a {@link DataFileException} naming the file.
 */
public final class CifarBinary {
    /** The shape of one image, 3x32x32. */
    public static final ImageShape IMAGE = new ImageShape(3, 32, 32);
    /** Bytes of one record: the label byte and the 3,072 pixel bytes. */
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** The training batches, in the order their examples are concatenated. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    /** The test batch. */
    public static final String TEST_FILE = "test_batch.bin";

    private CifarBinary() {
    }

    /** Every file of the set: the five training batches, then the test batch. */
    public static List<String> files() {
        List<String> all = new ArrayList<>(TRAIN_FILES);
        all.add(TEST_FILE);
        return List.copyOf(all);
    }

    /** Whether {@code directory} looks like a CIFAR-10 binary directory (it holds {@code data_batch_1.bin}). */
    public static boolean isCifarDirectory(Path directory) {
        return Files.isRegularFile(directory.resolve(TRAIN_FILES.get(0)));
    }

    /**
     * The six batches in {@code directory}, per-channel standardised by the training part. The training pixels are
     * read into one array and standardised in place (full CIFAR-10: 614 MB as floats, held twice at the peak).
     *
     * @throws DataFileException naming a missing, unreadable or malformed file
     */
    public static TrainTestSplit fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new DataFileException(directory, Files.exists(directory) ? "is a file, not a directory; give the "
                    + "directory that holds the CIFAR-10 batches" : "data directory not found");
        }
        Batch train = read(TRAIN_FILES.stream().map(directory::resolve).toList());
        Batch test = read(List.of(directory.resolve(TEST_FILE)));
        ChannelStandardization standardization = ChannelStandardization.fit(train.features, IMAGE);
        standardization.applyInPlace(train.features);
        standardization.applyInPlace(test.features);
        return new TrainTestSplit(train.data(), test.data(),
                "CIFAR-10 binary " + directory.toAbsolutePath() + ", " + standardization.describe(), IMAGE);
    }

    /**
     * One batch file: its records as feature rows of pixels in [0, 1] and their labels.
     *
     * @throws DataFileException if the file is missing, unreadable, empty, not a whole number of records, or holds a
     *                           label above 9
     */
    public static LabeledData readBatch(Path file) {
        return read(List.of(file)).data();
    }

    /** The records of {@code files}, one after the other (their bytes are held only while they are decoded). */
    private static Batch read(List<Path> files) {
        List<byte[]> batches = new ArrayList<>();
        for (Path file : files) {
            batches.add(records(file));
        }
        return decode(files, batches);
    }

    /** The bytes of a batch file, checked to be a whole, non-zero number of records. */
    private static byte[] records(Path file) {
        if (!Files.exists(file)) {
            throw new DataFileException(file, "file not found");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataFileException(file.toString(), "cannot be read: " + IoCause.of(e), e);
        } catch (OutOfMemoryError e) {
            throw new DataFileException(file, "is too large for the Java heap (raise -Xmx)");
        }
        if (bytes.length == 0 || bytes.length % RECORD_BYTES != 0) {
            throw new DataFileException(file, "has " + bytes.length + " bytes, not a whole number of " + RECORD_BYTES
                    + "-byte CIFAR-10 records (1 label byte + 3072 pixel bytes)");
        }
        return bytes;
    }

    /** The records of {@code batches} (read from {@code files}) one after the other, pixels scaled to [0, 1]. */
    private static Batch decode(List<Path> files, List<byte[]> batches) {
        int n = batches.stream().mapToInt(b -> b.length / RECORD_BYTES).sum();
        int d = RECORD_BYTES - 1;
        float[] features = new float[n * d];
        int[] labels = new int[n];
        int row = 0;
        for (int f = 0; f < batches.size(); f++) {
            byte[] bytes = batches.get(f);
            for (int i = 0; i < bytes.length / RECORD_BYTES; i++, row++) {
                int offset = i * RECORD_BYTES;
                labels[row] = bytes[offset] & 0xFF;
                if (labels[row] >= CLASSES) {
                    throw new DataFileException(files.get(f), "label " + labels[row] + " of record " + i
                            + " is not a class 0.." + (CLASSES - 1));
                }
                for (int k = 0; k < d; k++) {
                    features[row * d + k] = (bytes[offset + 1 + k] & 0xFF) / 255f;
                }
            }
        }
        return new Batch(features, labels);
    }

    /** Decoded records before they are wrapped (and copied) into a {@link LabeledData}. */
    private record Batch(float[] features, int[] labels) {
        LabeledData data() {
            return new LabeledData(features, labels, RECORD_BYTES - 1, CLASSES);
        }
    }

    /**
     * The bytes of a batch file holding {@code labels.length} records: label {@code i}, then the 3,072 pixel bytes
     * {@code pixels[i * 3072 ..]}. For tests and tools that write CIFAR-format files.
     */
    public static byte[] encode(int[] labels, byte[] pixels) {
        int d = RECORD_BYTES - 1;
        if (pixels.length != labels.length * d) {
            throw new IllegalArgumentException(labels.length + " records need " + labels.length * d + " pixel bytes, got "
                    + pixels.length);
        }
        byte[] bytes = new byte[labels.length * RECORD_BYTES];
        for (int i = 0; i < labels.length; i++) {
            bytes[i * RECORD_BYTES] = (byte) labels[i];
            System.arraycopy(pixels, i * d, bytes, i * RECORD_BYTES + 1, d);
        }
        return bytes;
    }
}
