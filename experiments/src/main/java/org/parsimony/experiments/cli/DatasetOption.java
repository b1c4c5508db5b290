package org.parsimony.experiments.cli;

import org.parsimony.experiments.data.IdxImageDataset;
import org.parsimony.experiments.data.MnistArchive;
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
        fashion_mnist,
        /** MNIST, downloaded once into the cache directory and checked against pinned SHA-256 sums. */
        mnist;

        /** Loads this data set; {@code cacheDir} is where MNIST is kept (null: {@link MnistArchive#DEFAULT_CACHE}). */
        public TrainTestSplit load(Path cacheDir) {
            return switch (this) {
                case subset -> IdxImageDataset.bundledFashionMnistSubset();
                case fashion_mnist -> IdxImageDataset.fromDirectory(IdxImageDataset.DEBIAN_FASHION_MNIST);
                case mnist -> new MnistArchive(cacheDir == null ? MnistArchive.DEFAULT_CACHE : cacheDir,
                        MnistArchive.DEFAULT_MIRROR).load();
            };
        }

        /**
         * The data set called {@code name}.
         *
         * @throws IllegalArgumentException naming the bad data set and the known ones
         */
        public static Name parse(String name) {
            for (Name n : values()) {
                if (n.name().equals(name.strip())) {
                    return n;
                }
            }
            throw new IllegalArgumentException("unknown data set '" + name + "' (known: subset, fashion_mnist, mnist)");
        }
    }

    @Option(names = "--dataset", defaultValue = "subset",
            description = "subset (bundled, the default), fashion_mnist (full set from /usr/share/datasets/fashion-mnist, Debian package dataset-fashion-mnist) or mnist (downloaded once to --cache-dir)")
    Name dataset;

    @Option(names = "--data-dir", description = "directory with the four IDX files (train-/t10k- images/labels, optionally .gz); overrides --dataset")
    Path dataDir;

    @Option(names = "--cache-dir", description = "where --dataset mnist is downloaded to and read from (default ~/.cache/parsimony/mnist)")
    Path cacheDir;

    /** Loads the chosen data. */
    public TrainTestSplit load() {
        if (dataDir != null) {
            return IdxImageDataset.fromDirectory(dataDir);
        }
        return dataset.load(cacheDir);
    }
}
