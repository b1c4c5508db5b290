package org.parsimony.variational.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One parameter's Adam moment estimates as Java arrays in row-major order, in the parameter's precision ({@code float}
 * or {@code double}), with the parameter's shape. Kept in Java rather than in ND4J arrays because only Adam's update
 * loop reads them: as native arrays every update copied both in and back out, four passes over arrays as large as the
 * weights. They become ND4J arrays only to be checkpointed or sliced ({@link #arrays()}, {@link #of}).
 */
final class AdamMoments {
    private final long[] shape;
    private final DataType type;
    private final float[] firstFloats;
    private final float[] secondFloats;
    private final double[] firstDoubles;
    private final double[] secondDoubles;

    private AdamMoments(long[] shape, DataType type, Object first, Object second) {
        this.shape = shape.clone();
        this.type = type;
        this.firstFloats = type == DataType.FLOAT ? (float[]) first : null;
        this.secondFloats = type == DataType.FLOAT ? (float[]) second : null;
        this.firstDoubles = type == DataType.DOUBLE ? (double[]) first : null;
        this.secondDoubles = type == DataType.DOUBLE ? (double[]) second : null;
    }

    /** Zero moments for a parameter of this type and shape. @throws IllegalArgumentException unless float or double */
    static AdamMoments zeros(DataType type, long[] shape) {
        int n = length(shape);
        return switch (type) {
            case FLOAT -> new AdamMoments(shape, type, new float[n], new float[n]);
            case DOUBLE -> new AdamMoments(shape, type, new double[n], new double[n]);
            default -> throw new IllegalArgumentException("Adam updates float or double parameters, got " + type);
        };
    }

    /**
     * Copies of the elements of two arrays of one shape, in {@code type}.
     *
     * @throws IllegalArgumentException if the shapes differ or the type is neither float nor double
     */
    static AdamMoments of(INDArray first, INDArray second, DataType type) {
        if (!first.equalShapes(second)) {
            throw new IllegalArgumentException("first moments " + java.util.Arrays.toString(first.shape())
                    + " and second moments " + java.util.Arrays.toString(second.shape()) + " differ in shape");
        }
        AdamMoments moments = zeros(type, first.shape());
        moments.copyFrom(first, moments.firstFloats, moments.firstDoubles);
        moments.copyFrom(second, moments.secondFloats, moments.secondDoubles);
        return moments;
    }

    private void copyFrom(INDArray source, float[] floats, double[] doubles) {
        INDArray rowMajor = source.castTo(type).dup('c');
        if (floats != null) {
            rowMajor.data().asNioFloat().get(floats);
        } else {
            rowMajor.data().asNioDouble().get(doubles);
        }
        rowMajor.close();
    }

    /** Fresh ND4J arrays {first, second} of the parameter's shape and type holding the moments. */
    INDArray[] arrays() {
        INDArray first = Nd4j.createUninitialized(type, shape);
        INDArray second = Nd4j.createUninitialized(type, shape);
        if (type == DataType.FLOAT) {
            first.data().asNioFloat().put(firstFloats);
            second.data().asNioFloat().put(secondFloats);
        } else {
            first.data().asNioDouble().put(firstDoubles);
            second.data().asNioDouble().put(secondDoubles);
        }
        return new INDArray[] {first, second};
    }

    DataType type() {
        return type;
    }

    long[] shape() {
        return shape.clone();
    }

    float[] firstFloats() {
        return firstFloats;
    }

    float[] secondFloats() {
        return secondFloats;
    }

    double[] firstDoubles() {
        return firstDoubles;
    }

    double[] secondDoubles() {
        return secondDoubles;
    }

    /** First moment of element {@code i}, in double. */
    double first(int i) {
        return firstFloats != null ? firstFloats[i] : firstDoubles[i];
    }

    /** Second moment of element {@code i}, in double. */
    double second(int i) {
        return secondFloats != null ? secondFloats[i] : secondDoubles[i];
    }

    /** Stores both moments of element {@code i}, rounded to the moments' type. */
    void set(int i, double first, double second) {
        if (firstFloats != null) {
            firstFloats[i] = (float) first;
            secondFloats[i] = (float) second;
        } else {
            firstDoubles[i] = first;
            secondDoubles[i] = second;
        }
    }

    private static int length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
