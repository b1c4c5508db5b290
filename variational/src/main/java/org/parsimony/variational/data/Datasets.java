package org.parsimony.variational.data;

import java.nio.file.Path;

/**
 * Where a {@link TrainTestSplit} comes from: the Fashion-MNIST subset shipped in this jar, a folder of MNIST-format
 * IDX files, or a CSV file. A bad file is a {@link DataFileException} naming it. Standardise the inputs with
 * {@link TrainTestSplit#standardized()}, as the command line does by default.
 */
public final class Datasets {
    private Datasets() {
    }

    /** The stratified Fashion-MNIST subset in this jar: 10,000 training and 2,000 test images, pixels in [0, 1]. */
    public static TrainTestSplit bundled() {
        return IdxImageDataset.bundledFashionMnistSubset();
    }

    /** The four IDX files in {@code directory} ({@code train-images-idx3-ubyte[.gz]} and the like), pixels in [0, 1]. */
    public static TrainTestSplit idx(Path directory) {
        return IdxImageDataset.fromDirectory(directory);
    }

    /**
     * The CSV file {@code file} with the class in column {@code label}, split 80/20 stratified by class with the fixed
     * seed {@value LabeledCsv#DEFAULT_SEED}, each feature column standardised by the training part ({@link LabeledCsv}).
     */
    public static TrainTestSplit csv(Path file, String label) {
        return LabeledCsv.load(file, label, LabeledCsv.DEFAULT_TEST_FRACTION, LabeledCsv.DEFAULT_SEED);
    }
}
