package org.parsimony.variational.graph;

import org.parsimony.variational.elements.FloatExponential;
import org.parsimony.variational.elements.NativeElements;

/**
 * The element-wise terms of {@link DenseElboBackprop} over arrays as large as a layer's weights ({@code [n, units]},
 * row-major) or its input, computed in the arrays' own precision ({@link NativeElements.Arena#readAsStored}): in
 * {@code float} for the {@code float} networks that training uses, in {@code double} for the {@code double} networks
 * that the gradient checks use. Converting the {@code 784 x 300} weights of the first layer of LeNet-300-100 to
 * {@code double} and back cost more than the loops themselves; per-unit factors are rounded to {@code float} once.
 * Per-unit sums are accumulated in {@code double} either way ({@code float} partial sums over blocks of
 * {@value #BLOCK} rows, which keeps the loop vectorised).
 *
 * <p>The {@code float} loops with per-unit factors first copy each row into a row buffer
 * ({@code System.arraycopy}) and index every array with the same {@code j}: the JIT (JDK 17) does not vectorise a loop
 * that reads {@code factor[j]} and writes {@code out[row + j]}, since it cannot rule out that the two arrays are one,
 * and such a loop over the {@code 784 x 300} weights took 2-3x as long as with the row buffer.
 */
final class DenseLayerTerms {
    /** Rows summed in {@code float} before the partial sums join the {@code double} totals. */
    static final int BLOCK = 16;

    private DenseLayerTerms() {
    }

    /**
     * {@code out = exp(in)}, element-wise; both in the same precision: {@link FloatExponential} for {@code float} (under
     * 1 ulp, vectorised; {@code scratch} holds its intermediate), {@link Math#exp} for {@code double}.
     */
    static void exp(NativeElements in, NativeElements out, NativeElements.Arena scratch) {
        int n = in.length();
        if (in.isFloat()) {
            FloatExponential.exp(in.floats(), out.floats(), scratch.floatBuffer(n), n);
        } else {
            double[] x = in.values();
            double[] y = out.values();
            for (int i = 0; i < n; i++) {
                y[i] = Math.exp(x[i]);
            }
        }
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
     */
    static void klSums(NativeElements means, NativeElements logVariances, NativeElements variances, int units,
                       double[] sumLogVariance, double[] sumSecondMoment) {
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
        float[] partLog = new float[units];
        float[] partSecond = new float[units];
        float[] rowMu = new float[units];
        float[] rowLog = new float[units];
        float[] rowVar = new float[units];
        for (int from = 0; from < rows; from += BLOCK) {
            java.util.Arrays.fill(partLog, 0f);
            java.util.Arrays.fill(partSecond, 0f);
            for (int i = from; i < Math.min(rows, from + BLOCK); i++) {
                System.arraycopy(mu, i * units, rowMu, 0, units);
                System.arraycopy(logVar, i * units, rowLog, 0, units);
                System.arraycopy(var, i * units, rowVar, 0, units);
                for (int j = 0; j < units; j++) {
                    partLog[j] += rowLog[j];
                    partSecond[j] += rowMu[j] * rowMu[j] + rowVar[j];
                }
            }
            for (int j = 0; j < units; j++) {
                sumLogVariance[j] += partLog[j];
                sumSecondMoment[j] += partSecond[j];
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
            float[] row = new float[units];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(mu, i * units, row, 0, units);
                for (int j = 0; j < units; j++) {
                    row[j] *= scale[j];
                }
                System.arraycopy(row, 0, y, i * units, units);
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
            float[] row = new float[units];
            float[] rowVar = new float[units];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(lik, i * units, row, 0, units);
                System.arraycopy(var, i * units, rowVar, 0, units);
                for (int j = 0; j < units; j++) {
                    row[j] = (row[j] + half[j]) * rowVar[j] - offset[j];
                }
                System.arraycopy(row, 0, y, i * units, units);
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
