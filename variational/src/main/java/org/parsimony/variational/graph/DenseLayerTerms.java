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
 * {@value #BLOCK} chunks, each partial sum of at most {@value #BLOCK} terms, which keeps the loop vectorised).
 *
 * <p>The {@code float} loops with per-unit factors or sums go through {@link RowChunks}: a loop over the
 * {@code 784 x 300} weights that reads {@code factor[j]} and writes {@code out[row + j]} took 2-3x as long.
 */
final class DenseLayerTerms {
    /** Chunks summed in {@code float} before the partial sums join the {@code double} totals. */
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
        RowChunks chunks = new RowChunks(units);
        int n = means.length();
        float[] partLog = new float[chunks.length()];
        float[] partSecond = new float[chunks.length()];
        float[] chunkMu = new float[chunks.length()];
        float[] chunkLog = new float[chunks.length()];
        float[] chunkVar = new float[chunks.length()];
        for (int base = 0; base < n; base += chunks.length()) {
            int len = chunks.length(base, n);
            System.arraycopy(mu, base, chunkMu, 0, len);
            System.arraycopy(logVar, base, chunkLog, 0, len);
            System.arraycopy(var, base, chunkVar, 0, len);
            for (int i = 0; i < len; i++) {
                partLog[i] += chunkLog[i];
                partSecond[i] += chunkMu[i] * chunkMu[i] + chunkVar[i];
            }
            if (chunks.endsBlock(base, n, BLOCK)) {
                chunks.fold(partLog, sumLogVariance);
                chunks.fold(partSecond, sumSecondMoment);
            }
        }
    }

    /** {@code out_ij = mu_ij muScale_j}: the KL's part of the gradient of the means. */
    static void meanKlGradient(NativeElements means, double[] muScale, int units, NativeElements out) {
        int rows = means.length() / units;
        if (means.isFloat()) {
            float[] mu = means.floats();
            float[] y = out.floats();
            RowChunks chunks = new RowChunks(units);
            float[] scale = chunks.repeat(muScale);
            float[] chunk = new float[chunks.length()];
            int n = means.length();
            for (int base = 0; base < n; base += chunks.length()) {
                int len = chunks.length(base, n);
                System.arraycopy(mu, base, chunk, 0, len);
                for (int i = 0; i < len; i++) {
                    chunk[i] *= scale[i];
                }
                System.arraycopy(chunk, 0, y, base, len);
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
            RowChunks chunks = new RowChunks(units);
            double[] halfScale = new double[units];
            for (int j = 0; j < units; j++) {
                halfScale[j] = muScale[j] * 0.5;
            }
            float[] half = chunks.repeat(halfScale);
            float[] offset = chunks.repeat(logVarOffset);
            float[] chunk = new float[chunks.length()];
            float[] chunkVar = new float[chunks.length()];
            int n = variances.length();
            for (int base = 0; base < n; base += chunks.length()) {
                int len = chunks.length(base, n);
                System.arraycopy(lik, base, chunk, 0, len);
                System.arraycopy(var, base, chunkVar, 0, len);
                for (int i = 0; i < len; i++) {
                    chunk[i] = (chunk[i] + half[i]) * chunkVar[i] - offset[i];
                }
                System.arraycopy(chunk, 0, y, base, len);
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
}
