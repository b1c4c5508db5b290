package org.parsimony.pruning;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.data.LabeledData;

import java.util.SplittableRandom;

/** Small seeded data sets and inputs for tests: Gaussian class blobs that a small MLP can learn. */
public final class SyntheticData {
    private SyntheticData() {
    }

    /** {@code n} examples of {@code features} features, {@code classes} classes; class means 1.5 apart. */
    public static LabeledData blobs(int n, int features, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[classes][features];
        for (double[] centre : centres) {
            for (int i = 0; i < features; i++) {
                centre[i] = random.nextGaussian() * 1.5;
            }
        }
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            y[k] = k % classes;
            for (int i = 0; i < features; i++) {
                x[k * features + i] = (float) (centres[y[k]][i] + random.nextGaussian());
            }
        }
        return new LabeledData(x, y, features, classes);
    }

    /** {@code rows x columns} standard normal inputs, {@code float}. */
    public static INDArray inputs(int rows, int columns, long seed) {
        return Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed), rows, columns).castTo(DataType.FLOAT);
    }
}
