package org.parsimony.experiments.data;

import org.parsimony.variational.data.IdxFile;
import org.parsimony.variational.data.RandomPermutation;
import org.parsimony.variational.io.AtomicFileWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the stratified subset of an IDX image data set that the repository ships: a seeded shuffle of each
 * split, then the first {@code perClassTrain} / {@code perClassTest} examples of every class, kept in
 * shuffled order, as gzipped IDX files with the standard names.
 *
 * <p>How the bundled subset was made (seed 20221, 1,000 / 200 per class, from Debian's Fashion-MNIST):
 * {@code java -cp experiments/target/parsimony.jar org.parsimony.experiments.data.StratifiedSubsetWriter
 * /usr/share/datasets/fashion-mnist variational/src/main/resources/org/parsimony/variational/data/fashion-mnist-subset 1000 200 20221}
 */
public final class StratifiedSubsetWriter {
    private StratifiedSubsetWriter() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: StratifiedSubsetWriter SOURCE_DIR TARGET_DIR PER_CLASS_TRAIN PER_CLASS_TEST SEED");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        long seed = Long.parseLong(args[4]);
        write(source, target, "train", Integer.parseInt(args[2]), seed);
        write(source, target, "t10k", Integer.parseInt(args[3]), seed + 1);
    }

    private static void write(Path source, Path target, String split, int perClass, long seed) {
        IdxFile images = IdxFile.read(existing(source, split + "-images-idx3-ubyte"), 3);
        IdxFile labels = IdxFile.read(existing(source, split + "-labels-idx1-ubyte"), 1);
        int n = labels.count();
        int[] order = RandomPermutation.of(n, new SplittableRandom(seed));
        int[] taken = new int[10];
        List<Integer> chosen = new ArrayList<>();
        for (int i : order) {
            int label = labels.unsigned(i);
            if (taken[label] < perClass) {
                taken[label]++;
                chosen.add(i);
            }
        }
        int d = images.itemSize();
        byte[] imageBytes = new byte[chosen.size() * d];
        byte[] labelBytes = new byte[chosen.size()];
        for (int k = 0; k < chosen.size(); k++) {
            System.arraycopy(images.data(), chosen.get(k) * d, imageBytes, k * d, d);
            labelBytes[k] = labels.data()[chosen.get(k)];
        }
        int[] imageDims = images.dimensions().clone();
        imageDims[0] = chosen.size();
        AtomicFileWriter.write(target.resolve(split + "-images-idx3-ubyte.gz"), new IdxFile(imageDims, imageBytes).toGzipBytes());
        AtomicFileWriter.write(target.resolve(split + "-labels-idx1-ubyte.gz"), new IdxFile(new int[] {chosen.size()}, labelBytes).toGzipBytes());
    }

    private static Path existing(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        return gz.toFile().exists() ? gz : dir.resolve(base);
    }
}
