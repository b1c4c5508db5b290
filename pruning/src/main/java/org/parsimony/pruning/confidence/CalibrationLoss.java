package org.parsimony.pruning.confidence;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A bounded per-example loss of a pruned network against the dense one, the quantity whose expectation
 * confident pruning controls. Implementations: {@link PredictionDisagreement} (the default) and
 * {@link ErrorIncrease}.
 */
public interface CalibrationLoss {

    /** A short, stable name for result files. */
    String name();

    /**
     * One loss in [0, 1] per example.
     *
     * @param denseLogits  {@code [b, classes]} logits of the dense network
     * @param prunedLogits {@code [b, classes]} logits of the pruned network
     * @param labels       the {@code b} true classes
     * @return {@code b} losses, each in [0, 1] ({@link ConfidentPruning} checks this)
     */
    double[] losses(INDArray denseLogits, INDArray prunedLogits, int[] labels);
}
