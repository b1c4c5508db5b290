package org.parsimony.pruning.evaluation;

/**
 * One point of a pruning curve: a method at one ratio.
 *
 * @param ratio            the fraction of weights the method was asked to remove
 * @param keptWeights      weights not exactly 0 after pruning, which is also the multiply-adds per example of a sparse
 *                         kernel (FLOPs counted as non-zero multiply-adds)
 * @param totalWeights     weights of the dense network
 * @param accuracyBefore   test accuracy right after pruning, no retraining
 * @param accuracyAfter    test accuracy after retraining with the mask fixed (equal to {@code accuracyBefore} when
 *                         there is no retraining)
 * @param relativeError    {@link OutputRelativeError} of the pruned network before retraining against the dense one
 */
public record CurvePoint(double ratio, long keptWeights, long totalWeights, double accuracyBefore, double accuracyAfter,
                         double relativeError) {

    /** The fraction of weights kept. */
    public double keptFraction() {
        return (double) keptWeights / totalWeights;
    }
}
