package org.parsimony.pruning.confidence;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code 1{argmax pruned(x) != argmax dense(x)}}: the pruned network changes the dense network's prediction.
 * Needs no labels, so unlabeled calibration data would do (Alvarez, arXiv 2408.04759). Ties in the arg-max go
 * to the lower class index for both networks.
 */
public final class PredictionDisagreement implements CalibrationLoss {

    @Override
    public String name() {
        return "prediction-disagreement";
    }

    @Override
    public double[] losses(INDArray denseLogits, INDArray prunedLogits, int[] labels) {
        int[] dense = denseLogits.argMax(1).toIntVector();
        int[] pruned = prunedLogits.argMax(1).toIntVector();
        double[] loss = new double[dense.length];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = dense[i] != pruned[i] ? 1 : 0;
        }
        return loss;
    }
}
