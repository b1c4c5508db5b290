package org.parsimony.experiments.cli;

import org.parsimony.experiments.data.CifarArchive;
import org.parsimony.experiments.data.CifarBinary;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.LabeledCsv;
import org.parsimony.experiments.data.MnistArchive;
import org.parsimony.variational.data.StratifiedSample;
import org.parsimony.variational.data.TrainTestSplit;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The data options shared by commands: a named data set, an IDX directory or a CSV file that overrides it. In data set
 * lists ({@code compare --datasets}, study files) a source can be named too: {@code dir:PATH} (an IDX directory) or
 * {@code csv:FILE:LABEL} (a CSV file and its label column).
 */
public final class DatasetOption {
    /** The data sets known by name. */
    public enum Name {
        /** The stratified Fashion-MNIST subset shipped in the jar (10,000 train / 2,000 test). */
        subset(10_000),
        /** Full Fashion-MNIST from Debian's dataset-fashion-mnist package. */
        fashion_mnist(60_000),
        /** MNIST, downloaded once into the cache directory and checked against pinned SHA-256 sums. */
        mnist(60_000),
        /** CIFAR-10's binary version, downloaded once into the cache directory and checked against its pinned SHA-256. */
        cifar10(50_000);

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
                case cifar10 -> new CifarArchive(cacheDir == null ? CifarArchive.DEFAULT_CACHE : cacheDir).load();
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
            throw new IllegalArgumentException("unknown data set '" + name + "' (known: subset, fashion_mnist, mnist, cifar10)");
        }
    }

    @Option(names = "--dataset", defaultValue = "subset",
            description = "subset (bundled, the default), fashion_mnist (full set from /usr/share/datasets/fashion-mnist, Debian package dataset-fashion-mnist), mnist or cifar10 (downloaded once to --cache-dir; cifar10 standardised per channel)")
    Name dataset;

    @Option(names = "--data-dir", description = "directory with the four IDX files (train-/t10k- images/labels, optionally .gz) or the six CIFAR-10 binary batches (data_batch_1..5.bin, test_batch.bin); overrides --dataset")
    Path dataDir;

    @Option(names = "--csv", description = "a CSV data set (header line, numeric features, a label column named by --label); split 80/20 stratified and standardised per column on the training part; overrides --dataset and --data-dir")
    Path csv;

    @Option(names = "--label", description = "the label column of --csv")
    String label;

    @Option(names = "--cache-dir", description = "where --dataset mnist or cifar10 is downloaded to and read from (default ~/.cache/parsimony/mnist or ~/.cache/parsimony/cifar10)")
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
        if (isSource(name)) {
            return loadSource(name);
        }
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
        if (isSource(name)) {
            return loadSource(name).train().size();
        }
        int size = trainSize(name);
        return size > 0 ? size : Name.parse(baseName(name)).trainExamples;
    }

    /** Checks a data set name as {@link #load} reads it, without loading anything. */
    public static void validate(String name) {
        if (isSource(name)) {
            sourceParts(name);
            return;
        }
        Name.parse(baseName(name));
        trainSize(name);
    }

    /** The training-set size a data set name asks for, 0 for the whole set. */
    public static int trainSize(String name) {
        if (isSource(name)) {
            return 0;
        }
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

    /** Whether {@code name} names a source, {@code dir:PATH} or {@code csv:FILE:LABEL}, rather than a known data set. */
    static boolean isSource(String name) {
        String n = name.strip();
        return n.startsWith("dir:") || n.startsWith("csv:");
    }

    /** {@code [kind, path, label]} of a source name ({@code label} null for {@code dir:}). */
    private static String[] sourceParts(String name) {
        String n = name.strip();
        String rest = n.substring(4);
        if (n.startsWith("dir:")) {
            if (rest.isBlank()) {
                throw new IllegalArgumentException("data set '" + name + "': give the directory after 'dir:'");
            }
            return new String[] {"dir", rest, null};
        }
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new IllegalArgumentException("data set '" + name + "': write csv:FILE:LABEL, the label column after the last ':'");
        }
        return new String[] {"csv", rest.substring(0, colon), rest.substring(colon + 1)};
    }

    private static TrainTestSplit loadSource(String name) {
        String[] parts = sourceParts(name);
        return parts[0].equals("dir") ? imageDirectory(Path.of(parts[1]))
                : LabeledCsv.load(Path.of(parts[1]), parts[2], LabeledCsv.DEFAULT_TEST_FRACTION, LabeledCsv.DEFAULT_SEED);
    }

    /**
     * The data set names of a command that also takes {@code --data-dir} and {@code --csv FILE --label COLUMN}: the
     * sources as {@code dir:} and {@code csv:} names, or {@code names} (which may be null) when none is given.
     *
     * @throws IllegalArgumentException if names and sources are both given, or --csv and --label not together
     */
    static java.util.List<String> withSources(java.util.List<String> names, Path dataDir, Path csv, String label) {
        if ((csv == null) != (label == null)) {
            throw new IllegalArgumentException(csv == null ? "--label names the label column of --csv; give --csv FILE too"
                    : "--csv needs --label COLUMN, the name of its label column");
        }
        java.util.List<String> sources = new java.util.ArrayList<>();
        if (dataDir != null) {
            sources.add("dir:" + dataDir);
        }
        if (csv != null) {
            sources.add("csv:" + csv + ":" + label);
        }
        if (sources.isEmpty()) {
            return names;
        }
        if (names != null) {
            throw new IllegalArgumentException("give the data either as --datasets or as --data-dir/--csv, not both");
        }
        return sources;
    }

    /** Loads the chosen data. */
    public TrainTestSplit load() {
        if (csv != null || label != null) {
            if (csv == null || label == null) {
                throw new IllegalArgumentException(csv == null ? "--label names the label column of --csv; give --csv FILE too"
                        : "--csv needs --label COLUMN, the name of its label column");
            }
            return LabeledCsv.load(csv, label, LabeledCsv.DEFAULT_TEST_FRACTION, LabeledCsv.DEFAULT_SEED);
        }
        if (dataDir != null) {
            return imageDirectory(dataDir);
        }
        return dataset.load(cacheDir);
    }

    /** The images in {@code directory}: CIFAR-10 binary batches if it holds {@code data_batch_1.bin}, else IDX files. */
    static TrainTestSplit imageDirectory(Path directory) {
        return CifarBinary.isCifarDirectory(directory) ? CifarBinary.fromDirectory(directory)
                : IdxImageDataset.fromDirectory(directory);
    }
}
