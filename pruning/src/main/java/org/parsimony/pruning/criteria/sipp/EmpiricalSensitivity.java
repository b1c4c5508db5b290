package org.parsimony.pruning.criteria.sipp;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The empirical sensitivities of SiPP (Baykal, Liebenwein, Gilitschenski, Feldman &amp; Rus, "SiPPing Neural
 * Networks: Sensitivity-informed Provable Pruning of Neural Networks", arXiv 1910.05422; SIMODS 2022) and of
 * its structured form PFP (Liebenwein, Baykal, Lang, Feldman &amp; Rus, "Provable Filter Pruning for Efficient
 * Neural Networks", arXiv 1911.07412), computed from a {@link DeterministicMlp} and a small batch {@code S} of
 * inputs.
 *
 * <p><b>Weights.</b> For layer {@code l} with weights {@code W} ({@code W[j, i]} connects input {@code j} to
 * unit {@code i}) and input activations {@code a(x) >= 0}, the positive and the negative weights of unit
 * {@code i} are treated separately. For a weight of sign {@code sigma} its relative contribution at {@code x}
 * is {@code g_ji(x) = W[j, i] a_j(x) / z_i^sigma(x)} with {@code z_i^sigma(x) = sum_{k : sign W[k, i] = sigma}
 * W[k, i] a_k(x)} (no bias), and its sensitivity is
 * <pre>  s_ji = max_{x in S} g_ji(x)  in [0, 1].</pre>
 * All terms of {@code z_i^sigma} share the sign of {@code W[j, i]}, so {@code g_ji(x)} is a fraction of a sum
 * of like-signed terms; where {@code z_i^sigma(x) = 0} every such term is 0 and {@code g_ji(x) = 0}. Hence for
 * every unit and sign with {@code z_i^sigma(x) != 0} for some {@code x}: {@code 1 <= sum_j s_ji <= |S'|}, with
 * {@code |S'|} the number of points (below).
 *
 * <p><b>Units (PFP).</b> The sensitivity of hidden unit {@code j} of layer {@code l} is how much the next
 * layer uses its activation: {@code s_j = max_{x in S} max_i g_ji(x)} computed on layer {@code l + 1}, i.e.
 * the largest weight sensitivity in row {@code j} of layer {@code l + 1}, also in [0, 1].
 *
 * <p><b>Activations.</b> The inputs of layer 0 are the batch rows, those of layer {@code l > 0} the ReLU
 * outputs of layer {@code l - 1} computed with the network's weights and biases. Sensitivities need
 * {@code a >= 0}; as in the reference implementation (torchprune's {@code BaseSensTracker}), a row with
 * negative entries contributes two points, its positive part {@code max(a, 0)} and its negative part
 * {@code max(-a, 0)} (since {@code W a = W a+ - W a-}, approximating both products approximates their
 * difference). All-zero points carry no information and are dropped; {@link #points(int)} counts the rest.
 *
 * <p>Immutable; computed in {@code double} from the network's {@code float} parameters.
 */
public final class EmpiricalSensitivity {
    private final int[] widths;
    private final int batchSize;
    private final int[] points;
    private final double[][][] weightSensitivity;
    private final double[][] unitSensitivity;

    private EmpiricalSensitivity(int[] widths, int batchSize, int[] points, double[][][] weightSensitivity) {
        this.widths = widths;
        this.batchSize = batchSize;
        this.points = points;
        this.weightSensitivity = weightSensitivity;
        this.unitSensitivity = new double[widths.length - 2][];
        for (int l = 0; l < unitSensitivity.length; l++) {
            double[][] next = weightSensitivity[l + 1];
            double[] s = new double[widths[l + 1]];
            for (int j = 0; j < s.length; j++) {
                for (double v : next[j]) {
                    s[j] = Math.max(s[j], v);
                }
            }
            unitSensitivity[l] = s;
        }
    }

    /**
     * Sensitivities of {@code network} over the rows of {@code batch}.
     *
     * @param batch {@code [|S|, n_0]} inputs, finite, at least one row
     * @throws IllegalArgumentException if the batch is empty, not a matrix of the network's input width, or
     *                                  not finite
     */
    public static EmpiricalSensitivity of(DeterministicMlp network, INDArray batch) {
        int[] widths = network.widths();
        if (batch == null || batch.rank() != 2 || batch.size(1) != widths[0]) {
            throw new IllegalArgumentException("the sensitivity batch must be a [points, " + widths[0] + "] matrix, got "
                    + (batch == null ? "null" : Arrays.toString(batch.shape())));
        }
        if (batch.size(0) == 0) {
            throw new IllegalArgumentException("the sensitivity batch is empty; SiPP needs at least one input");
        }
        if (batch.isNaN().any() || batch.isInfinite().any()) {
            throw new IllegalArgumentException("the sensitivity batch must be finite");
        }
        double[][] activations = batch.castTo(DataType.DOUBLE).toDoubleMatrix();
        int layers = network.layerCount();
        double[][][] sensitivity = new double[layers][][];
        int[] points = new int[layers];
        for (int l = 0; l < layers; l++) {
            double[][] w = network.weight(l).castTo(DataType.DOUBLE).toDoubleMatrix();
            List<double[]> nonNegative = splitSigns(activations);
            points[l] = nonNegative.size();
            sensitivity[l] = layerSensitivity(w, nonNegative);
            if (l < layers - 1) {
                activations = reluLayer(activations, w, network.bias(l).castTo(DataType.DOUBLE).toDoubleVector());
            }
        }
        return new EmpiricalSensitivity(widths, (int) batch.size(0), points, sensitivity);
    }

    /** Sensitivities over the features of every example of {@code batch} (labels are not used). */
    public static EmpiricalSensitivity of(DeterministicMlp network, LabeledData batch) {
        if (batch.size() == 0) {
            throw new IllegalArgumentException("the sensitivity batch is empty; SiPP needs at least one input");
        }
        int[] order = new int[batch.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return of(network, Minibatch.of(batch, order, 0, order.length).features());
    }

    /** Rows with a negative entry become their positive and negative parts; all-zero points are dropped. */
    private static List<double[]> splitSigns(double[][] rows) {
        List<double[]> out = new ArrayList<>();
        for (double[] row : rows) {
            double[] plus = new double[row.length];
            double[] minus = new double[row.length];
            boolean anyPlus = false;
            boolean anyMinus = false;
            for (int j = 0; j < row.length; j++) {
                if (row[j] > 0) {
                    plus[j] = row[j];
                    anyPlus = true;
                } else if (row[j] < 0) {
                    minus[j] = -row[j];
                    anyMinus = true;
                }
            }
            if (anyPlus) {
                out.add(plus);
            }
            if (anyMinus) {
                out.add(minus);
            }
        }
        return out;
    }

    /** {@code s[j][i] = max_x W[j][i] a_j(x) / z_i^{sign}(x)} over the non-negative points. */
    private static double[][] layerSensitivity(double[][] w, List<double[]> points) {
        int inputs = w.length;
        int units = w[0].length;
        double[][] s = new double[inputs][units];
        double[] zPlus = new double[units];
        double[] zMinus = new double[units];
        for (double[] a : points) {
            Arrays.fill(zPlus, 0);
            Arrays.fill(zMinus, 0);
            for (int j = 0; j < inputs; j++) {
                if (a[j] == 0) {
                    continue;
                }
                double[] row = w[j];
                for (int i = 0; i < units; i++) {
                    double term = row[i] * a[j];
                    if (row[i] > 0) {
                        zPlus[i] += term;
                    } else if (row[i] < 0) {
                        zMinus[i] += term;
                    }
                }
            }
            for (int j = 0; j < inputs; j++) {
                if (a[j] == 0) {
                    continue;
                }
                double[] row = w[j];
                double[] sRow = s[j];
                for (int i = 0; i < units; i++) {
                    double z = row[i] > 0 ? zPlus[i] : zMinus[i];
                    if (row[i] != 0 && z != 0) {
                        double g = Math.min(1.0, row[i] * a[j] / z);
                        if (g > sRow[i]) {
                            sRow[i] = g;
                        }
                    }
                }
            }
        }
        return s;
    }

    private static double[][] reluLayer(double[][] a, double[][] w, double[] b) {
        int units = b.length;
        double[][] out = new double[a.length][units];
        for (int x = 0; x < a.length; x++) {
            double[] h = out[x];
            System.arraycopy(b, 0, h, 0, units);
            for (int j = 0; j < w.length; j++) {
                double aj = a[x][j];
                if (aj == 0) {
                    continue;
                }
                double[] row = w[j];
                for (int i = 0; i < units; i++) {
                    h[i] += aj * row[i];
                }
            }
            for (int i = 0; i < units; i++) {
                h[i] = Math.max(0, h[i]);
            }
        }
        return out;
    }

    /** Widths {@code n_0, ..., n_L} of the network the sensitivities describe. */
    public int[] widths() {
        return widths.clone();
    }

    /** Number of dense layers {@code L}. */
    public int layerCount() {
        return weightSensitivity.length;
    }

    /** Number of rows of the batch {@code S}. */
    public int batchSize() {
        return batchSize;
    }

    /** Number of non-negative, nonzero points {@code |S'|} layer {@code l}'s sensitivities were maximised over. */
    public int points(int l) {
        return points[l];
    }

    /** A copy of layer {@code l}'s weight sensitivities, {@code [n_{l-1}][n_l]}, each in [0, 1]. */
    public double[][] weightSensitivity(int l) {
        double[][] copy = new double[weightSensitivity[l].length][];
        for (int j = 0; j < copy.length; j++) {
            copy[j] = weightSensitivity[l][j].clone();
        }
        return copy;
    }

    /** Layer {@code l}'s weight sensitivities as a {@code double} {@code [n_{l-1}, n_l]} matrix. */
    public INDArray weightSensitivityMatrix(int l) {
        return Nd4j.createFromArray(weightSensitivity(l));
    }

    /** A copy of the PFP sensitivities of hidden layer {@code l}'s units ({@code 0 <= l < L - 1}), each in [0, 1]. */
    public double[] unitSensitivity(int l) {
        return unitSensitivity[l].clone();
    }

    /** Package-private direct access for the pruners, which do not modify it. */
    double[][] weightSensitivityView(int l) {
        return weightSensitivity[l];
    }

    double[] unitSensitivityView(int l) {
        return unitSensitivity[l];
    }

    /**
     * @throws IllegalArgumentException unless {@code widths} are the widths these sensitivities describe
     */
    void requireWidths(int[] other, String what) {
        if (!Arrays.equals(widths, other)) {
            throw new IllegalArgumentException("SiPP sensitivities were computed for widths " + Arrays.toString(widths)
                    + ", " + what + " has widths " + Arrays.toString(other)
                    + "; compute new sensitivities for the pruned network");
        }
    }
}
