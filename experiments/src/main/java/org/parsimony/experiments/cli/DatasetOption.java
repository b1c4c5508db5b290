package org.parsimony.experiments.cli;

import org.parsimony.experiments.data.IdxImageDataset;
import org.parsimony.experiments.data.TrainTestSplit;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The data options shared by commands: a named data set, or an IDX directory that overrides it. */
public final class DatasetOption {
    /** The data sets known by name. */
    public enum Name {
        /** The stratified Fashion-MNIST subset shipped in the jar (10,000 train / 2,000 test). */
        subset,
        /** Full Fashion-MNIST from Debian's dataset-fashion-mnist package. */
        fashion_mnist
    }

    @Option(names = "--dataset", defaultValue = "subset",
            description = "subset (bundled, the default) or fashion_mnist (full set from /usr/share/datasets/fashion-mnist, Debian package dataset-fashion-mnist)")
    Name dataset;

    @Option(names = "--data-dir", description = "directory with the four IDX files (train-/t10k- images/labels, optionally .gz); overrides --dataset")
    Path dataDir;

    /** Loads the chosen data. */
    public TrainTestSplit load() {
        if (dataDir != null) {
            return IdxImageDataset.fromDirectory(dataDir);
        }
        return switch (dataset) {
            case subset -> IdxImageDataset.bundledFashionMnistSubset();
            case fashion_mnist -> IdxImageDataset.fromDirectory(IdxImageDataset.DEBIAN_FASHION_MNIST);
        };
    }
}
