package org.parsimony.variational.data;

import org.parsimony.variational.network.ImageShape;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A tabular data set: a CSV file with a header line, one example per line, numeric feature columns and one label
 * column (any values: each distinct value is a class, numbered in numeric order when all are numbers, else in text
 * order). Fields are separated by commas; a field may be wrapped in double quotes (without commas inside). Lines that
 * are empty are skipped.
 *
 * <p>Split: a seeded stratified draw puts {@code round(f n_c)} examples of each class {@code c} in the test part.
 * Standardised: each feature column becomes {@code (x - mean) / std} with the mean and (population) standard deviation
 * of the training part (std 1 for a constant column), so no test value leaks into the scaling. The examples are
 * described to the networks as {@code 1 x 1 x F} images, so only MLPs read them.
 */
public final class LabeledCsv {
    /** Default fraction of each class held out for testing. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    /** Default seed of the train/test draw. */
    public static final long DEFAULT_SEED = 2026;

    private LabeledCsv() {
    }

    /**
     * Reads, splits and standardises {@code file}.
     *
     * @param label        the label column's name in the header
     * @param testFraction fraction of each class held out, in (0, 1)
     * @throws DataFileException naming the file, and the line and column of a bad value
     */
    public static TrainTestSplit load(Path file, String label, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be in (0, 1), got " + testFraction);
        }
        List<String> lines;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = reader.lines().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataFileException(file, Files.exists(file) ? "cannot read: " + e.getMessage() : "no such file");
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new DataFileException(file, "empty; a CSV data set starts with a header line naming its columns");
        }
        String[] header = fields(lines.get(0));
        int labelColumn = Arrays.asList(header).indexOf(label);
        if (labelColumn < 0) {
            throw new DataFileException(file, "no column '" + label + "' in the header (columns: " + String.join(", ", header) + ")");
        }
        int features = header.length - 1;
        if (features == 0) {
            throw new DataFileException(file, "has no feature column besides the label '" + label + "'");
        }
        List<float[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] f = fields(line);
            if (f.length != header.length) {
                throw new DataFileException(file, "line " + (n + 1) + " has " + f.length + " fields, the header " + header.length);
            }
            float[] x = new float[features];
            for (int c = 0, k = 0; c < f.length; c++) {
                if (c == labelColumn) {
                    continue;
                }
                x[k++] = number(file, n + 1, header, c, f[c]);
            }
            if (f[labelColumn].isEmpty()) {
                throw new DataFileException(file, "line " + (n + 1) + ", column '" + label + "': empty label");
            }
            rows.add(x);
            labels.add(f[labelColumn]);
        }
        List<String> classes = classes(labels);
        if (classes.size() < 2) {
            throw new DataFileException(file, "column '" + label + "' has " + classes.size() + " distinct value(s); classification needs at least 2");
        }
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        boolean[] test = stratifiedTest(y, classes.size(), testFraction, seed);
        LabeledData train = subset(rows, y, test, false, features, classes.size());
        LabeledData held = subset(rows, y, test, true, features, classes.size());
        if (train.size() == 0 || held.size() == 0) {
            throw new DataFileException(file, rows.size() + " examples are too few to split into train and test");
        }
        float[][] scale = standardisation(rows, test, features);
        String source = String.format(Locale.ROOT, "%s (label '%s', %d classes %s, %d features standardised on the "
                + "%d training examples; stratified test fraction %.2f, seed %d)", file, label, classes.size(), classes,
                features, train.size(), testFraction, seed);
        return new TrainTestSplit(standardise(train, scale), standardise(held, scale), source, new ImageShape(1, 1, features));
    }

    private static String[] fields(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            String s = f[i].strip();
            f[i] = s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).strip() : s;
        }
        return f;
    }

    private static float number(Path file, int line, String[] header, int column, String value) {
        String where = "line " + line + ", column '" + header[column] + "' (" + (column + 1) + ")";
        if (value.isEmpty()) {
            throw new DataFileException(file, where + ": empty value; features must be numbers");
        }
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new DataFileException(file, where + ": '" + value + "' is not a number");
        }
        if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
            throw new DataFileException(file, where + ": '" + value + "' is not a finite float");
        }
        return (float) v;
    }

    private static List<String> classes(List<String> labels) {
        boolean numeric = labels.stream().allMatch(LabeledCsv::isNumber);
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        distinct.addAll(labels);
        return new ArrayList<>(distinct);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean[] stratifiedTest(int[] y, int classes, double fraction, long seed) {
        boolean[] test = new boolean[y.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < classes; c++) {
            final int cls = c;
            int[] members = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == cls).toArray();
            for (int i = members.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
            }
            long held = Math.round(fraction * members.length);
            for (int k = 0; k < held; k++) {
                test[members[k]] = true;
            }
        }
        return test;
    }

    private static LabeledData subset(List<float[]> rows, int[] y, boolean[] test, boolean wanted, int features, int classes) {
        int n = 0;
        for (boolean t : test) {
            n += t == wanted ? 1 : 0;
        }
        float[] x = new float[n * features];
        int[] labels = new int[n];
        for (int i = 0, k = 0; i < rows.size(); i++) {
            if (test[i] == wanted) {
                System.arraycopy(rows.get(i), 0, x, k * features, features);
                labels[k++] = y[i];
            }
        }
        return new LabeledData(x, labels, features, classes);
    }

    /** Per column {mean, std} of the training rows. */
    private static float[][] standardisation(List<float[]> rows, boolean[] test, int features) {
        double[] sum = new double[features];
        double[] sumSquares = new double[features];
        int n = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!test[i]) {
                n++;
                for (int c = 0; c < features; c++) {
                    sum[c] += rows.get(i)[c];
                }
            }
        }
        float[] mean = new float[features];
        for (int c = 0; c < features; c++) {
            mean[c] = (float) (sum[c] / n);
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!test[i]) {
                for (int c = 0; c < features; c++) {
                    double d = rows.get(i)[c] - mean[c];
                    sumSquares[c] += d * d;
                }
            }
        }
        float[] std = new float[features];
        for (int c = 0; c < features; c++) {
            double s = Math.sqrt(sumSquares[c] / n);
            std[c] = s > 0 ? (float) s : 1f;
        }
        return new float[][] {mean, std};
    }

    private static LabeledData standardise(LabeledData data, float[][] scale) {
        int features = data.featureCount();
        float[] x = new float[data.size() * features];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, x, i * features);
            for (int c = 0; c < features; c++) {
                x[i * features + c] = (x[i * features + c] - scale[0][c]) / scale[1][c];
            }
        }
        return new LabeledData(x, data.labels(), features, data.classCount());
    }
}
