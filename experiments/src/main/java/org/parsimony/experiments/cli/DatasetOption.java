package org.parsimony.experiments.cli;

import org.parsimony.experiments.data.IdxImageDataset;
import org.parsimony.experiments.data.MnistArchive;
import org.parsimony.experiments.data.StratifiedSample;
import org.parsimony.experiments.data.TrainTestSplit;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The data options shared by commands: a named data set, or an IDX directory that overrides it. */
public final class DatasetOption {
    /** The data sets known by name. */
    public enum Name {
        /** The stratified Fashion-MNIST subset shipped in the jar (10,000 train / 2,000 test). */
        subset(10_000),
        /** Full Fashion-MNIST from Debian's dataset-fashion-mnist package. */
        fashion_mnist(60_000),
        /** MNIST, downloaded once into the cache directory and checked against pinned SHA-256 sums. */
        mnist(60_000);

        private final int trainExamples;

        Name(int trainExamples) {
            this.trainExamples = trainExamples;
        }

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

    /** Seed of the stratified draw behind a sized data set name ({@code fashion_mnist:3000}). */
    public static final long SAMPLE_SEED = 2026;

    /**
     * The data set called {@code name}: a {@link Name}, optionally with a training-set size, {@code fashion_mnist:3000}
     * (a stratified draw of that many training examples, seeded by {@link #SAMPLE_SEED}, with the whole test set).
     *
     * @throws IllegalArgumentException naming a bad name or size
     */
    public static TrainTestSplit load(String name, Path cacheDir) {
        int size = trainSize(name);
        TrainTestSplit whole = Name.parse(baseName(name)).load(cacheDir);
        if (size == 0) {
            return whole;
        }
        if (size > whole.train().size()) {
            throw new IllegalArgumentException("data set '" + name + "': " + baseName(name) + " has only "
                    + whole.train().size() + " training examples");
        }
        return new TrainTestSplit(StratifiedSample.of(whole.train(), size, SAMPLE_SEED), whole.test(),
                whole.source() + ", stratified " + size + " of " + whole.train().size() + " training examples (seed "
                        + SAMPLE_SEED + ")", whole.image());
    }

    /** The number of training examples a data set name stands for (its size, or the whole set's). */
    public static int trainExamples(String name) {
        int size = trainSize(name);
        return size > 0 ? size : Name.parse(baseName(name)).trainExamples;
    }

    /** Checks a data set name as {@link #load} reads it, without loading anything. */
    public static void validate(String name) {
        Name.parse(baseName(name));
        trainSize(name);
    }

    /** The training-set size a data set name asks for, 0 for the whole set. */
    public static int trainSize(String name) {
        String n = name.strip();
        int colon = n.indexOf(':');
        if (colon < 0) {
            return 0;
        }
        try {
            int size = Integer.parseInt(n.substring(colon + 1).strip());
            if (size < 1) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("data set '" + name + "': the size after ':' must be a positive integer");
        }
    }

    private static String baseName(String name) {
        String n = name.strip();
        return n.contains(":") ? n.substring(0, n.indexOf(':')) : n;
    }

    /** Loads the chosen data. */
    public TrainTestSplit load() {
        if (dataDir != null) {
            return IdxImageDataset.fromDirectory(dataDir);
        }
        return dataset.load(cacheDir);
    }
}
