package org.parsimony.pruning.confidence;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 0/1 error increase {@code max(0, err_pruned(x) - err_dense(x)) = 1{pruned wrong and dense right}}: its
 * expectation bounds how much top-1 accuracy pruning may cost ({@code acc_dense - acc_pruned <= R}), while
 * examples the dense network already gets wrong cost nothing. Needs labels.
 */
public final class ErrorIncrease implements CalibrationLoss {

    @Override
    public String name() {
        return "error-increase";
    }

    @Override
    public double[] losses(INDArray denseLogits, INDArray prunedLogits, int[] labels) {
        int[] dense = denseLogits.argMax(1).toIntVector();
        int[] pruned = prunedLogits.argMax(1).toIntVector();
        double[] loss = new double[dense.length];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = pruned[i] != labels[i] && dense[i] == labels[i] ? 1 : 0;
        }
        return loss;
    }
}
