package org.parsimony.pruning.confidence;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.BatchEvaluation;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.Arrays;
import java.util.Objects;

/**
 * Confident pruning (Alvarez, "Confident magnitude-based neural network pruning", arXiv 2408.04759), built
 * on Learn-then-Test (Angelopoulos, Bates, Candes, Jordan &amp; Lei, arXiv 2110.01052): the largest pruning
 * ratio on a grid whose risk is certified to be at most {@code alpha} with probability at least
 * {@code 1 - delta} over the calibration draw. Works with any criterion and policy ({@link RatioPruner}).
 *
 * <p><b>Procedure.</b> For ratios {@code r_1 < ... < r_K}, the risk of {@code r} is
 * {@code R(r) = E[loss(dense(x), pruned_r(x))]} for a {@link CalibrationLoss} in [0, 1] (default
 * {@link PredictionDisagreement}). On {@code n} i.i.d. calibration examples the empirical risk
 * {@code Rhat(r)} gives the {@link HoeffdingBentkus} p-value {@code p(r)} of {@code H_r: R(r) > alpha}.
 * Fixed-sequence testing from the least pruned ratio upward rejects {@code H_{r_1}, H_{r_2}, ...} while
 * {@code p <= delta} and stops at the first non-rejection; the certified ratio is the last rejected one.
 * Because the order is fixed in advance, the family-wise error is at most {@code delta} without a
 * multiplicity correction, hence {@code P(R(r_hat) <= alpha) >= 1 - delta} (if nothing is rejected, no ratio
 * is certified). The loss need not grow with {@code r} for validity; the grid order only matters for power.
 *
 * <p>All ratios are evaluated so that every p-value and empirical risk is reported; those after the first
 * non-rejection are informative only and do not affect the certified ratio.
 */
public final class ConfidentPruning {
    private final double alpha;
    private final double delta;
    private final CalibrationLoss loss;

    /**
     * Prediction-disagreement loss.
     *
     * @param alpha risk level in (0, 1)
     * @param delta error probability in (0, 1)
     * @throws IllegalArgumentException if {@code alpha} or {@code delta} is outside (0, 1)
     */
    public ConfidentPruning(double alpha, double delta) {
        this(alpha, delta, new PredictionDisagreement());
    }

    private ConfidentPruning(double alpha, double delta, CalibrationLoss loss) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("risk level alpha must be in (0, 1), got " + alpha);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("error probability delta must be in (0, 1), got " + delta);
        }
        this.alpha = alpha;
        this.delta = delta;
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** The same procedure with another loss. */
    public ConfidentPruning withLoss(CalibrationLoss value) {
        return new ConfidentPruning(alpha, delta, value);
    }

    /** The risk level {@code alpha}. */
    public double alpha() {
        return alpha;
    }

    /** The error probability {@code delta}. */
    public double delta() {
        return delta;
    }

    /** The loss. */
    public CalibrationLoss loss() {
        return loss;
    }

    /**
     * Prunes the dense network at every ratio of the grid, measures the loss on the calibration set and tests.
     *
     * @param dense       the unpruned network
     * @param pruner      the pruned network per ratio (must not depend on the calibration data)
     * @param ratios      strictly increasing ratios in [0, 1], at least one
     * @param calibration held-out examples, at least one, not used for training or pruning
     * @throws IllegalArgumentException on an empty or unsorted grid, an empty calibration set, data that do not
     *                                  fit the network, or a loss outside [0, 1]
     */
    public ConfidentPruningResult calibrate(DeterministicMlp dense, RatioPruner pruner, double[] ratios,
                                            LabeledData calibration) {
        Objects.requireNonNull(dense, "dense");
        Objects.requireNonNull(pruner, "pruner");
        requireGrid(ratios);
        Objects.requireNonNull(calibration, "calibration");
        if (calibration.size() == 0) {
            throw new IllegalArgumentException("the calibration set is empty; confident pruning needs held-out examples");
        }
        int[] widths = dense.widths();
        if (calibration.featureCount() != widths[0] || calibration.classCount() != widths[widths.length - 1]) {
            throw new IllegalArgumentException("calibration data have " + calibration.featureCount() + " features and "
                    + calibration.classCount() + " classes, the network " + widths[0] + " inputs and "
                    + widths[widths.length - 1] + " outputs");
        }
        int n = calibration.size();
        double[] risks = new double[ratios.length];
        for (int k = 0; k < ratios.length; k++) {
            DeterministicMlp pruned = Objects.requireNonNull(pruner.prune(ratios[k]), "pruned network at ratio " + ratios[k]);
            int[] prunedWidths = pruned.widths();
            if (prunedWidths[0] != widths[0] || prunedWidths[prunedWidths.length - 1] != widths[widths.length - 1]) {
                throw new IllegalArgumentException("the network pruned at ratio " + ratios[k] + " has widths "
                        + Arrays.toString(prunedWidths) + ", incompatible with the dense " + Arrays.toString(widths));
            }
            double sum = 0;
            for (double l : exampleLosses(dense, pruned, ratios[k], calibration)) {
                sum += l;
            }
            risks[k] = Math.min(1.0, sum / n);
        }
        return test(ratios, risks, n);
    }

    /**
     * Every example's loss of {@code pruned} (the network pruned at {@code ratio}) against {@code dense} on
     * {@code data}, in the order of {@code data}.
     *
     * @throws IllegalArgumentException if the loss gives another number of values than examples or a value outside [0, 1]
     */
    double[] exampleLosses(DeterministicMlp dense, DeterministicMlp pruned, double ratio, LabeledData data) {
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] all = new double[n];
        for (int from = 0; from < n; from += BatchEvaluation.BATCH) {
            Minibatch batch = Minibatch.of(data, order, from, Math.min(n, from + BatchEvaluation.BATCH));
            INDArray denseLogits = dense.logits(batch.features());
            INDArray prunedLogits = pruned.logits(batch.features());
            double[] losses = loss.losses(denseLogits, prunedLogits, batch.labels());
            denseLogits.close();
            prunedLogits.close();
            if (losses.length != batch.size()) {
                throw new IllegalArgumentException("loss " + loss.name() + " gave " + losses.length + " values for "
                        + batch.size() + " examples");
            }
            for (int i = 0; i < losses.length; i++) {
                if (!(losses[i] >= 0 && losses[i] <= 1)) {
                    throw new IllegalArgumentException("loss " + loss.name() + " gave " + losses[i]
                            + " at ratio " + ratio + "; confident pruning needs losses in [0, 1]");
                }
                all[from + i] = losses[i];
            }
        }
        return all;
    }

    /**
     * The test alone, from empirical risks already measured on {@code n} calibration examples.
     *
     * @param ratios         strictly increasing ratios in [0, 1], at least one
     * @param empiricalRisks {@code Rhat(r_k)} in [0, 1], one per ratio
     * @param n              calibration examples, at least one
     * @throws IllegalArgumentException on an empty or unsorted grid, mismatched lengths, a risk outside [0, 1]
     *                                  or {@code n < 1}
     */
    public ConfidentPruningResult test(double[] ratios, double[] empiricalRisks, int n) {
        requireGrid(ratios);
        Objects.requireNonNull(empiricalRisks, "empiricalRisks");
        if (empiricalRisks.length != ratios.length) {
            throw new IllegalArgumentException("need one empirical risk per ratio (" + ratios.length + "), got "
                    + empiricalRisks.length);
        }
        if (n < 1) {
            throw new IllegalArgumentException("the calibration set is empty (n = " + n
                    + "); confident pruning needs held-out examples");
        }
        double[] p = new double[ratios.length];
        int rejected = 0;
        boolean stopped = false;
        for (int k = 0; k < ratios.length; k++) {
            p[k] = HoeffdingBentkus.pValue(empiricalRisks[k], n, alpha);
            if (!stopped && p[k] <= delta) {
                rejected++;
            } else {
                stopped = true;
            }
        }
        return new ConfidentPruningResult(alpha, delta, n, loss.name(), ratios, empiricalRisks, p, rejected);
    }

    private static void requireGrid(double[] ratios) {
        if (ratios == null || ratios.length == 0) {
            throw new IllegalArgumentException("the ratio grid is empty; give at least one pruning ratio");
        }
        for (int k = 0; k < ratios.length; k++) {
            if (!(ratios[k] >= 0 && ratios[k] <= 1)) {
                throw new IllegalArgumentException("pruning ratio " + ratios[k] + " at position " + k + " is outside [0, 1]");
            }
            if (k > 0 && !(ratios[k] > ratios[k - 1])) {
                throw new IllegalArgumentException("the ratio grid must be strictly increasing (fixed-sequence testing "
                        + "runs from the least pruned ratio up), but " + ratios[k] + " at position " + k
                        + " follows " + ratios[k - 1]);
            }
        }
    }
}
