package org.parsimony.variational.graph;

import org.parsimony.variational.elements.FloatExponential;
import org.parsimony.variational.elements.NativeElements;

/**
 * The element-wise terms of {@link DenseElboBackprop} over {@code [batch, units]} arrays (row-major): the
 * reparameterised pre-activations, ReLU, gate samples, the softmax cross-entropy and the element-wise parts of the
 * gradients. Like {@link DenseLayerTerms} they run in the arrays' own precision: {@code float} for the {@code float}
 * networks that training uses, {@code double} for the {@code double} networks of the gradient checks. In {@code double}
 * a 300-100 training step spent about 0.15 ms converting these arrays from {@code float} and back (about 0.27 ns an
 * element, a conversion the JIT of JDK 17 does not vectorise) on top of the loops themselves.
 *
 * <p>Every array handed to one call holds the same precision. Per-unit inputs ({@code bias}, {@code theta}) are
 * {@code double[]} and rounded to {@code float} once per call, which is exact for the {@code float} parameters they
 * come from. Per-unit sums are {@code double}; the {@code float} loops add {@code float} partial sums over blocks of
 * {@value DenseLayerTerms#BLOCK} chunks into them, as {@link DenseLayerTerms#klSums} does, and take per-unit factors
 * through {@link RowChunks}.
 */
final class BatchTerms {
    private static final float TWO_TO_126 = 0x1p126f;

    private BatchTerms() {
    }

    /**
     * The local reparameterisation in place: {@code pre_bj += bias_j + s_bj eps_bj} with
     * {@code s = sqrt(preVariance + jitter)}, and {@code halfEpsOverStd = eps / (2 s)}, the factor of the pre-activation
     * variance's gradient.
     */
    static void reparameterise(NativeElements pre, NativeElements preVariance, NativeElements eps, double[] bias,
                               int units, NativeElements halfEpsOverStd, NativeElements.Arena arena) {
        int size = pre.length();
        int rows = size / units;
        if (pre.isFloat()) {
            float[] p = pre.floats();
            float[] v = preVariance.floats();
            float[] e = eps.floats();
            float[] half = halfEpsOverStd.floats();
            RowChunks chunks = new RowChunks(units);
            float[] b = chunks.repeat(bias);
            float[] chunk = arena.floatBuffer(chunks.length());
            for (int base = 0; base < size; base += chunks.length()) {
                int len = chunks.length(base, size);
                System.arraycopy(p, base, chunk, 0, len);
                for (int i = 0; i < len; i++) {
                    chunk[i] += b[i];
                }
                System.arraycopy(chunk, 0, p, base, len);
            }
            float jitter = (float) ElboGraph.PRE_VARIANCE_JITTER;
            for (int k = 0; k < size; k++) {
                float std = (float) Math.sqrt(v[k] + jitter);
                p[k] += std * e[k];
                half[k] = e[k] / std * 0.5f;
            }
            return;
        }
        double[] p = pre.values();
        double[] v = preVariance.values();
        double[] e = eps.values();
        double[] half = halfEpsOverStd.values();
        double[] row = arena.doubles(units);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(p, r * units, row, 0, units);
            for (int j = 0; j < units; j++) {
                row[j] += bias[j];
            }
            System.arraycopy(row, 0, p, r * units, units);
        }
        // one flat loop without per-unit terms: the JIT vectorises it (2.5x faster than with the bias inside)
        for (int k = 0; k < size; k++) {
            double std = Math.sqrt(v[k] + ElboGraph.PRE_VARIANCE_JITTER);
            p[k] += std * e[k];
            half[k] = e[k] / std * 0.5;
        }
    }

    /** {@code x = max(x, 0)} in place. */
    static void relu(NativeElements x) {
        int n = x.length();
        if (x.isFloat()) {
            float[] a = x.floats();
            for (int k = 0; k < n; k++) {
                a[k] = Math.max(a[k], 0f);
            }
        } else {
            double[] a = x.values();
            for (int k = 0; k < n; k++) {
                a[k] = Math.max(a[k], 0);
            }
        }
    }

    /** Straight-through gate samples {@code gate_bj = 1{u_bj < theta_j}}. */
    static void hardGates(NativeElements u, double[] theta, int units, NativeElements gate,
                          NativeElements.Arena arena) {
        int rows = u.length() / units;
        if (u.isFloat()) {
            float[] uniform = u.floats();
            float[] z = gate.floats();
            RowChunks chunks = new RowChunks(units);
            float[] t = chunks.repeat(theta);
            float[] chunk = arena.floatBuffer(chunks.length());
            int n = u.length();
            for (int base = 0; base < n; base += chunks.length()) {
                int len = chunks.length(base, n);
                System.arraycopy(uniform, base, chunk, 0, len);
                for (int i = 0; i < len; i++) {
                    // t - u > 0 exactly when u < t: the difference of two distinct floats is never rounded to 0
                    chunk[i] = step(Math.max(t[i] - chunk[i], 0f));
                }
                System.arraycopy(chunk, 0, z, base, len);
            }
            return;
        }
        double[] uniform = u.values();
        double[] z = gate.values();
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < units; j++, k++) {
                z[k] = uniform[k] < theta[j] ? 1 : 0;
            }
        }
    }

    /**
     * Relaxed (concrete) gate samples {@code gate_bj = sigmoid((logit u_bj + logitTheta_j) / tau)}, computed in
     * {@code double} whatever the arrays' precision (a logarithm and an exponential per element either way).
     */
    static void relaxedGates(NativeElements u, double[] logitTheta, double tau, int units, NativeElements gate) {
        int rows = u.length() / units;
        boolean single = u.isFloat();
        float[] uf = single ? u.floats() : null;
        float[] zf = single ? gate.floats() : null;
        double[] ud = single ? null : u.values();
        double[] zd = single ? null : gate.values();
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < units; j++, k++) {
                double uniform = single ? uf[k] : ud[k];
                double x = (Math.log(uniform) - Math.log(1 - uniform) + logitTheta[j]) / tau;
                double z = 1 / (1 + Math.exp(-x));
                if (single) {
                    zf[k] = (float) z;
                } else {
                    zd[k] = z;
                }
            }
        }
    }

    /** {@code out = a b}, element-wise; {@code out} may be {@code a} or {@code b}. */
    static void multiply(NativeElements a, NativeElements b, NativeElements out) {
        int n = a.length();
        if (a.isFloat()) {
            float[] x = a.floats();
            float[] y = b.floats();
            float[] z = out.floats();
            for (int k = 0; k < n; k++) {
                z[k] = x[k] * y[k];
            }
        } else {
            double[] x = a.values();
            double[] y = b.values();
            double[] z = out.values();
            for (int k = 0; k < n; k++) {
                z[k] = x[k] * y[k];
            }
        }
    }

    /** {@code grad = grad 1{activation > 0}} in place, for {@code activation >= 0} (a ReLU's output): its derivative. */
    static void reluMask(NativeElements grad, NativeElements activation) {
        int n = grad.length();
        if (grad.isFloat()) {
            float[] g = grad.floats();
            float[] a = activation.floats();
            for (int k = 0; k < n; k++) {
                g[k] *= step(a[k]);
            }
        } else {
            double[] g = grad.values();
            double[] a = activation.values();
            for (int k = 0; k < n; k++) {
                g[k] *= a[k] > 0 ? 1 : 0;
            }
        }
    }

    /** {@code out = 2 variancePath input + meanPath}: the gradient of the layer's input, {@code dh}. */
    static void inputGradient(NativeElements variancePath, NativeElements input, NativeElements meanPath,
                              NativeElements out) {
        int n = out.length();
        if (out.isFloat()) {
            float[] v = variancePath.floats();
            float[] x = input.floats();
            float[] m = meanPath.floats();
            float[] g = out.floats();
            for (int k = 0; k < n; k++) {
                g[k] = v[k] * x[k] * 2 + m[k];
            }
        } else {
            double[] v = variancePath.values();
            double[] x = input.values();
            double[] m = meanPath.values();
            double[] g = out.values();
            for (int k = 0; k < n; k++) {
                g[k] = v[k] * x[k] * 2 + m[k];
            }
        }
    }

    /**
     * The batch mean of the softmax cross-entropy of {@code logits} with the one-hot labels {@code y}, and its gradient
     * {@code grad = (softmax(logits) - y) / batch}. The exponentials run in the arrays' precision
     * ({@link FloatExponential} in {@code float}: {@link Math#exp} took 13 of the 780 microseconds of a training step at
     * 30-10 units); the sums and the logarithm in {@code double}.
     */
    static double softmaxCrossEntropy(NativeElements logits, NativeElements y, NativeElements grad, int batch,
                                      int classes, NativeElements.Arena arena) {
        int n = batch * classes;
        double nll = 0;
        if (logits.isFloat()) {
            float[] z = logits.floats();
            float[] t = y.floats();
            float[] g = grad.floats();
            float[] shifted = arena.floatBuffer(n);
            for (int r = 0; r < batch; r++) {
                int row = r * classes;
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, z[row + c]);
                }
                for (int c = 0; c < classes; c++) {
                    shifted[row + c] = z[row + c] - max;
                }
            }
            float[] e = arena.floatBuffer(n);
            FloatExponential.exp(shifted, e, arena.floatBuffer(n), n);
            for (int r = 0; r < batch; r++) {
                int row = r * classes;
                double sumExp = 0;
                double picked = 0;
                for (int c = 0; c < classes; c++) {
                    sumExp += e[row + c];
                    picked += (double) shifted[row + c] * t[row + c];
                }
                nll += Math.log(sumExp) - picked;
                for (int c = 0; c < classes; c++) {
                    g[row + c] = (float) ((e[row + c] / sumExp - t[row + c]) / batch);
                }
            }
            return nll / batch;
        }
        double[] z = logits.values();
        double[] t = y.values();
        double[] g = grad.values();
        for (int r = 0; r < batch; r++) {
            int row = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[row + c]);
            }
            double sumExp = 0;
            double picked = 0;
            for (int c = 0; c < classes; c++) {
                double shifted = z[row + c] - max;
                g[row + c] = Math.exp(shifted);
                sumExp += g[row + c];
                picked += shifted * t[row + c];
            }
            nll += Math.log(sumExp) - picked;
            for (int c = 0; c < classes; c++) {
                g[row + c] = (g[row + c] / sumExp - t[row + c]) / batch;
            }
        }
        return nll / batch;
    }

    /** {@code sums_j += sum_b m_bj}. */
    static void columnSums(NativeElements m, int units, double[] sums, NativeElements.Arena arena) {
        int rows = m.length() / units;
        if (m.isFloat()) {
            float[] x = m.floats();
            RowChunks chunks = new RowChunks(units);
            float[] chunk = arena.floatBuffer(chunks.length());
            float[] part = new float[chunks.length()];
            int n = m.length();
            for (int base = 0; base < n; base += chunks.length()) {
                int len = chunks.length(base, n);
                System.arraycopy(x, base, chunk, 0, len);
                for (int i = 0; i < len; i++) {
                    part[i] += chunk[i];
                }
                if (chunks.endsBlock(base, n, DenseLayerTerms.BLOCK)) {
                    chunks.fold(part, sums);
                }
            }
            return;
        }
        double[] x = m.values();
        double[] row = arena.doubles(units);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * units, row, 0, units);
            for (int j = 0; j < units; j++) {
                sums[j] += row[j];
            }
        }
    }

    /**
     * {@code sums_j += sum_b g_bj}, {@code g = grad activation} (straight-through, {@code gate == null}) or
     * {@code g = grad activation z (1 - z)} (relaxed): the likelihood's part of the gate gradient before the slope.
     */
    static void gateSums(NativeElements grad, NativeElements activation, NativeElements gate, int units, double[] sums,
                         NativeElements.Arena arena) {
        int rows = grad.length() / units;
        if (grad.isFloat()) {
            float[] g = grad.floats();
            float[] a = activation.floats();
            float[] z = gate == null ? null : gate.floats();
            RowChunks chunks = new RowChunks(units);
            float[] chunkGrad = arena.floatBuffer(chunks.length());
            float[] chunkActivation = arena.floatBuffer(chunks.length());
            float[] chunkGate = arena.floatBuffer(chunks.length());
            float[] part = new float[chunks.length()];
            int n = grad.length();
            for (int base = 0; base < n; base += chunks.length()) {
                int len = chunks.length(base, n);
                System.arraycopy(g, base, chunkGrad, 0, len);
                System.arraycopy(a, base, chunkActivation, 0, len);
                if (z == null) {
                    for (int i = 0; i < len; i++) {
                        part[i] += chunkGrad[i] * chunkActivation[i];
                    }
                } else {
                    System.arraycopy(z, base, chunkGate, 0, len);
                    for (int i = 0; i < len; i++) {
                        part[i] += chunkGrad[i] * chunkActivation[i] * chunkGate[i] * (1 - chunkGate[i]);
                    }
                }
                if (chunks.endsBlock(base, n, DenseLayerTerms.BLOCK)) {
                    chunks.fold(part, sums);
                }
            }
            return;
        }
        double[] g = grad.values();
        double[] a = activation.values();
        double[] z = gate == null ? null : gate.values();
        double[] rowGrad = arena.doubles(units);
        double[] rowActivation = arena.doubles(units);
        double[] rowGate = arena.doubles(units);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(g, r * units, rowGrad, 0, units);
            System.arraycopy(a, r * units, rowActivation, 0, units);
            if (z == null) {
                for (int j = 0; j < units; j++) {
                    sums[j] += rowGrad[j] * rowActivation[j];
                }
            } else {
                System.arraycopy(z, r * units, rowGate, 0, units);
                for (int j = 0; j < units; j++) {
                    double product = rowGrad[j] * rowActivation[j];
                    sums[j] += product * rowGate[j] * (1 - rowGate[j]);
                }
            }
        }
    }

    /**
     * {@code 1{x > 0}} for {@code x >= 0} (or NaN for NaN), in arithmetic the JIT vectorises, unlike the conditional
     * ({@code 38,400} elements: 5 instead of 26 microseconds): the smallest positive float times {@code 2^252} exceeds 1.
     */
    private static float step(float x) {
        return Math.min(x * TWO_TO_126 * TWO_TO_126, 1f);
    }
}
