package org.parsimony.variational.data;

import org.parsimony.variational.memory.AvailableMemory;
import org.parsimony.variational.network.ImageShape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An MNIST-style image classification set stored as four IDX files
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, each optionally with {@code .gz}). Pixels are scaled to [0, 1].
 *
 * <p>Sources: a directory ({@code --data-dir}); Debian's {@code dataset-fashion-mnist} package at
 * {@link #DEBIAN_FASHION_MNIST}; or the stratified Fashion-MNIST subset shipped in this jar
 * ({@link #bundledFashionMnistSubset()}: 1,000 training and 200 test images per class).
 */
public final class IdxImageDataset {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the full Fashion-MNIST. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    /** Classpath folder of the bundled subset. */
    public static final String BUNDLED_SUBSET = "/org/parsimony/variational/data/fashion-mnist-subset/";
    private static final int CLASSES = 10;

    private IdxImageDataset() {
    }

    /** Loads the four files from {@code directory}, preferring the {@code .gz} name when both exist. */
    public static TrainTestSplit fromDirectory(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new DataFileException(directory, "is a file, not a directory; give the directory that holds the four "
                    + "IDX files");
        }
        if (!Files.isDirectory(directory)) {
            throw new DataFileException(directory, "data directory not found");
        }
        Named trainImages = read(directory, "train-images-idx3-ubyte", 3);
        LabeledData train = pair(trainImages, read(directory, "train-labels-idx1-ubyte", 1));
        Named testImages = read(directory, "t10k-images-idx3-ubyte", 3);
        LabeledData test = pair(testImages, read(directory, "t10k-labels-idx1-ubyte", 1));
        if (!shape(testImages).equals(shape(trainImages))) {
            throw new DataFileException(testImages.name, "images are " + shape(testImages)
                    + " but the training images are " + shape(trainImages));
        }
        return new TrainTestSplit(train, test, directory.toAbsolutePath().toString(), shape(trainImages));
    }

    /** The stratified Fashion-MNIST subset shipped with the library (10,000 train, 2,000 test). */
    public static TrainTestSplit bundledFashionMnistSubset() {
        Named trainImages = resource("train-images-idx3-ubyte.gz", 3);
        LabeledData train = pair(trainImages, resource("train-labels-idx1-ubyte.gz", 1));
        LabeledData test = pair(resource("t10k-images-idx3-ubyte.gz", 3), resource("t10k-labels-idx1-ubyte.gz", 1));
        return new TrainTestSplit(train, test, "bundled Fashion-MNIST subset (classpath " + BUNDLED_SUBSET + ")",
                shape(trainImages));
    }

    private static Named read(Path directory, String baseName, int rank) {
        Path gz = directory.resolve(baseName + ".gz");
        Path raw = directory.resolve(baseName);
        Path file = Files.exists(gz) ? gz : raw;
        if (!Files.exists(file)) {
            throw new DataFileException(gz, "file not found (nor " + raw.getFileName() + ")");
        }
        return new Named(file.toString(), IdxFile.read(file, rank));
    }

    private static Named resource(String name, int rank) {
        String path = BUNDLED_SUBSET + name;
        try (InputStream in = IdxImageDataset.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new DataFileException("classpath:" + path, "bundled data file missing from the jar");
            }
            return new Named("classpath:" + path, IdxFile.parse("classpath:" + path, in, rank));
        } catch (IOException e) {
            throw new DataFileException("classpath:" + path, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static LabeledData pair(Named images, Named labels) {
        if (images.file.count() != labels.file.count()) {
            throw new DataFileException(images.name, "has " + images.file.count() + " images but "
                    + labels.name + " has " + labels.file.count() + " labels");
        }
        int n = images.file.count();
        int d = images.file.itemSize();
        requireHeapForPixels(images);
        float[] features = new float[n * d];
        for (int k = 0; k < features.length; k++) {
            features[k] = images.file.unsigned(k) / 255f;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.file.unsigned(i);
            if (y[i] >= CLASSES) {
                throw new DataFileException(labels.name, "label " + y[i] + " of example " + i + " is not a class 0.." + (CLASSES - 1));
            }
        }
        return new LabeledData(features, y, d, CLASSES);
    }

    /**
     * Refuses images whose pixels as floats (the features and the copy {@link LabeledData} keeps) would not fit in the
     * Java heap available, naming the file; the bytes already read did.
     */
    private static void requireHeapForPixels(Named images) {
        long bytes = 2L * Float.BYTES * images.file.data().length;
        AvailableMemory available = AvailableMemory.forHeap(bytes);
        if (bytes > available.heapBytes()) {
            throw new DataFileException(images.name, images.file.data().length + " pixels take "
                    + AvailableMemory.format(bytes) + " as floats, more than the " + AvailableMemory.format(available.heapBytes())
                    + " of Java heap available (raise -Xmx)");
        }
    }

    /** The shape of one image of an {@code [n, height, width]} file: one channel. */
    private static ImageShape shape(Named images) {
        return new ImageShape(1, images.file.dimensions()[1], images.file.dimensions()[2]);
    }

    private record Named(String name, IdxFile file) {
    }
}
