package org.parsimony.variational.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable classification data set held in memory: {@code n} feature rows of width {@code d}
 * (row-major {@code float}s: pixels scaled to [0, 1], possibly standardised) and one class label per row.
 *
 * <p>It is the one data type the trainers read, so any source (IDX files, a synthetic generator, a
 * user's arrays) only has to produce this. Construction validates shape, finiteness and label range,
 * so bad data is rejected here with a message instead of deep inside a numerical library.
 */
public final class LabeledData {
    private final float[] features;
    private final int[] labels;
    private final int featureCount;
    private final int classCount;

    /**
     * @param features     row-major features, length {@code labels.length * featureCount}
     * @param labels       class of each row, each in {@code [0, classCount)}
     * @param featureCount width {@code d} of one row
     * @param classCount   number of classes
     * @throws IllegalArgumentException on a shape mismatch, a non-finite feature or a label out of range
     */
    public LabeledData(float[] features, int[] labels, int featureCount, int classCount) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (featureCount <= 0) {
            throw new IllegalArgumentException("featureCount must be positive, got " + featureCount);
        }
        if (classCount < 2) {
            throw new IllegalArgumentException("classCount must be at least 2, got " + classCount);
        }
        if ((long) labels.length * featureCount != features.length) {
            throw new IllegalArgumentException("features has " + features.length + " values but "
                    + labels.length + " labels x " + featureCount + " features = "
                    + (long) labels.length * featureCount + " were expected");
        }
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new IllegalArgumentException("feature " + (i % featureCount) + " of example "
                        + (i / featureCount) + " is " + features[i] + "; features must be finite");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException("label of example " + i + " is " + labels[i]
                        + ", outside [0, " + classCount + ")");
            }
        }
        this.features = features.clone();
        this.labels = labels.clone();
        this.featureCount = featureCount;
        this.classCount = classCount;
    }

    /** Number of examples {@code n}. */
    public int size() {
        return labels.length;
    }

    /** Width {@code d} of one feature row. */
    public int featureCount() {
        return featureCount;
    }

    /** Number of classes. */
    public int classCount() {
        return classCount;
    }

    /** Label of example {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Copies the features of example {@code i} into {@code target} at {@code offset}. */
    public void copyFeatures(int i, float[] target, int offset) {
        System.arraycopy(features, i * featureCount, target, offset, featureCount);
    }

    /** Appends the features of example {@code i} to {@code target} at its position (a relative bulk put). */
    public void copyFeatures(int i, java.nio.FloatBuffer target) {
        target.put(features, i * featureCount, featureCount);
    }

    /** The examples at the given indices, in that order (indices may repeat). */
    public LabeledData subset(int[] indices) {
        float[] f = new float[indices.length * featureCount];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            copyFeatures(indices[k], f, k * featureCount);
            l[k] = labels[indices[k]];
        }
        return new LabeledData(f, l, featureCount, classCount);
    }

    /**
     * The same examples with every feature mapped to {@code x * scale + shift} (labels unchanged).
     *
     * @throws IllegalArgumentException if a mapped feature is not finite
     */
    public LabeledData affine(float scale, float shift) {
        float[] f = new float[features.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = features[i] * scale + shift;
        }
        return new LabeledData(f, labels, featureCount, classCount);
    }

    /** The first {@code count} examples. */
    public LabeledData head(int count) {
        if (count < 0 || count > size()) {
            throw new IllegalArgumentException("count " + count + " outside [0, " + size() + "]");
        }
        return new LabeledData(Arrays.copyOf(features, count * featureCount), Arrays.copyOf(labels, count),
                featureCount, classCount);
    }
}
