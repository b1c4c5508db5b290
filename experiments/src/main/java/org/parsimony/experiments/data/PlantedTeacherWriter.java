package org.parsimony.experiments.data;

import org.parsimony.variational.data.IdxFile;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.PlantedTeacher;
import org.parsimony.variational.io.AtomicFileWriter;

import java.nio.file.Path;

/**
 * Writes a {@link PlantedTeacher} data set (28 x 28 images, 10 classes) as the four gzipped IDX files of an MNIST-format
 * folder, so that {@code parsimony train --data-dir DIR} and every study can run on a data set whose true number of
 * hidden units is known. Train and test are drawn from the same teacher with different seeds.
 *
 * <p>{@code java -cp parsimony.jar org.parsimony.experiments.data.PlantedTeacherWriter DIR K TRAIN TEST LABEL_NOISE SEED [GRID]}
 * (GRID: images interpolate a GRID x GRID grid of grey levels, {@link PlantedTeacher#withSmoothImages}; default 0,
 * white-noise pixels)
 */
public final class PlantedTeacherWriter {
    private static final int SIDE = 28;
    /** Inputs each teacher unit reads: one image row's worth. */
    public static final int TEACHER_FAN_IN = 28;

    private PlantedTeacherWriter() {
    }

    public static void main(String[] args) {
        if (args.length != 6 && args.length != 7) {
            System.err.println("usage: PlantedTeacherWriter TARGET_DIR HIDDEN_UNITS TRAIN TEST LABEL_NOISE SEED [GRID]");
            System.exit(2);
        }
        write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Double.parseDouble(args[4]), Long.parseLong(args[5]), args.length == 7 ? Integer.parseInt(args[6]) : 0);
    }

    /** Writes the train and test files of a teacher with {@code hidden} units drawn from {@code seed} into {@code target}. */
    public static void write(Path target, int hidden, int train, int test, double labelNoise, long seed) {
        write(target, hidden, train, test, labelNoise, seed, 0);
    }

    /**
     * As {@link #write(Path, int, int, int, double, long)}, on smooth images interpolating a {@code grid x grid} grid
     * of grey levels ({@code grid = 0}: white-noise pixels).
     */
    public static void write(Path target, int hidden, int train, int test, double labelNoise, long seed, int grid) {
        PlantedTeacher white = PlantedTeacher.random(SIDE * SIDE, hidden, TEACHER_FAN_IN, 10, seed);
        PlantedTeacher teacher = grid == 0 ? white : white.withSmoothImages(grid);
        write(target, "train", teacher.sample(train, labelNoise, seed + 1));
        write(target, "t10k", teacher.sample(test, labelNoise, seed + 2));
    }

    private static void write(Path target, String split, LabeledData data) {
        int d = data.featureCount();
        float[] row = new float[d];
        byte[] pixels = new byte[data.size() * d];
        for (int e = 0; e < data.size(); e++) {
            data.copyFeatures(e, row, 0);
            for (int i = 0; i < d; i++) {
                pixels[e * d + i] = (byte) Math.round(row[i] * 255);
            }
        }
        byte[] labels = new byte[data.size()];
        for (int e = 0; e < labels.length; e++) {
            labels[e] = (byte) data.label(e);
        }
        AtomicFileWriter.write(target.resolve(split + "-images-idx3-ubyte.gz"),
                new IdxFile(new int[] {data.size(), SIDE, SIDE}, pixels).toGzipBytes());
        AtomicFileWriter.write(target.resolve(split + "-labels-idx1-ubyte.gz"),
                new IdxFile(new int[] {data.size()}, labels).toGzipBytes());
    }
}
