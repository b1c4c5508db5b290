package org.parsimony.variational.graph;

import org.parsimony.variational.elements.NativeElements;

/**
 * The element-wise terms of {@link DenseElboBackprop} over arrays as large as a layer's weights ({@code [n, units]},
 * row-major) or its input, computed in the arrays' own precision ({@link NativeElements.Arena#readAsStored}): in
 * {@code float} for the {@code float} networks that training uses, in {@code double} for the {@code double} networks
 * that the gradient checks use. Converting the {@code 784 x 300} weights of the first layer of LeNet-300-100 to
 * {@code double} and back cost more than the loops themselves; per-unit factors are rounded to {@code float} once.
 * Per-unit sums are accumulated in {@code double} either way ({@code float} partial sums over blocks of
 * {@value #BLOCK} rows, which keeps the loop vectorised).
 */
final class DenseLayerTerms {
    /** Rows summed in {@code float} before the partial sums join the {@code double} totals. */
    static final int BLOCK = 16;

    private DenseLayerTerms() {
    }

    /** {@code out = in in}, element-wise; both in the same precision. */
    static void square(NativeElements in, NativeElements out) {
        int n = in.length();
        if (in.isFloat()) {
            float[] x = in.floats();
            float[] y = out.floats();
            for (int i = 0; i < n; i++) {
                y[i] = x[i] * x[i];
            }
        } else {
            double[] x = in.values();
            double[] y = out.values();
            for (int i = 0; i < n; i++) {
                y[i] = x[i] * x[i];
            }
        }
    }

    /**
     * Per unit {@code j}: {@code sumLogVariance[j] = sum_i logVar_ij} and
     * {@code sumSecondMoment[j] = sum_i (mu_ij^2 + exp(logVar_ij))}, the sufficient statistics of the layer's KL.
     *
     * @param scratch a buffer of at least {@code 2 units} floats (used for {@code float} elements only)
     */
    static void klSums(NativeElements means, NativeElements logVariances, NativeElements variances, int units,
                       double[] sumLogVariance, double[] sumSecondMoment, float[] scratch) {
        int rows = means.length() / units;
        java.util.Arrays.fill(sumLogVariance, 0, units, 0);
        java.util.Arrays.fill(sumSecondMoment, 0, units, 0);
        if (!means.isFloat()) {
            double[] mu = means.values();
            double[] logVar = logVariances.values();
            double[] var = variances.values();
            for (int i = 0, k = 0; i < rows; i++) {
                for (int j = 0; j < units; j++, k++) {
                    sumLogVariance[j] += logVar[k];
                    sumSecondMoment[j] += mu[k] * mu[k] + var[k];
                }
            }
            return;
        }
        float[] mu = means.floats();
        float[] logVar = logVariances.floats();
        float[] var = variances.floats();
        for (int from = 0; from < rows; from += BLOCK) {
            java.util.Arrays.fill(scratch, 0, 2 * units, 0f);
            for (int i = from; i < Math.min(rows, from + BLOCK); i++) {
                int row = i * units;
                for (int j = 0; j < units; j++) {
                    float m = mu[row + j];
                    scratch[j] += logVar[row + j];
                    scratch[units + j] += m * m + var[row + j];
                }
            }
            for (int j = 0; j < units; j++) {
                sumLogVariance[j] += scratch[j];
                sumSecondMoment[j] += scratch[units + j];
            }
        }
    }

    /** {@code out_ij = mu_ij muScale_j}: the KL's part of the gradient of the means. */
    static void meanKlGradient(NativeElements means, double[] muScale, int units, NativeElements out) {
        int rows = means.length() / units;
        if (means.isFloat()) {
            float[] mu = means.floats();
            float[] y = out.floats();
            float[] scale = rounded(muScale, units);
            for (int i = 0; i < rows; i++) {
                int row = i * units;
                for (int j = 0; j < units; j++) {
                    y[row + j] = mu[row + j] * scale[j];
                }
            }
        } else {
            double[] mu = means.values();
            double[] y = out.values();
            for (int i = 0, k = 0; i < rows; i++) {
                for (int j = 0; j < units; j++, k++) {
                    y[k] = mu[k] * muScale[j];
                }
            }
        }
    }

    /**
     * {@code out_ij = (likelihood_ij + muScale_j / 2) exp(logVar_ij) - logVarOffset_j}: the gradient of the
     * log-variances, from the likelihood's part {@code likelihood = (h h)^T D} and the KL's factors.
     */
    static void logVarianceGradient(NativeElements likelihood, NativeElements variances, double[] muScale,
                                    double[] logVarOffset, int units, NativeElements out) {
        int rows = variances.length() / units;
        if (variances.isFloat()) {
            float[] lik = likelihood.floats();
            float[] var = variances.floats();
            float[] y = out.floats();
            float[] half = new float[units];
            float[] offset = rounded(logVarOffset, units);
            for (int j = 0; j < units; j++) {
                half[j] = (float) (muScale[j] * 0.5);
            }
            for (int i = 0; i < rows; i++) {
                int row = i * units;
                for (int j = 0; j < units; j++) {
                    y[row + j] = (lik[row + j] + half[j]) * var[row + j] - offset[j];
                }
            }
        } else {
            double[] lik = likelihood.values();
            double[] var = variances.values();
            double[] y = out.values();
            for (int i = 0, k = 0; i < rows; i++) {
                for (int j = 0; j < units; j++, k++) {
                    y[k] = (lik[k] + muScale[j] * 0.5) * var[k] - logVarOffset[j];
                }
            }
        }
    }

    private static float[] rounded(double[] values, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
