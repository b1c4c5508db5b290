package org.parsimony.experiments.study;

/**
 * What one run measured on the test set: accuracy right after the structure was decided and after fine-tuning,
 * parameters, multiply-adds and hidden units kept against the architecture's dense start.
 *
 * @param accuracyBefore accuracy before fine-tuning (a fraction)
 * @param accuracyAfter  accuracy after fine-tuning
 * @param paramsKept     weights and biases of the final network
 * @param paramsStart    weights and biases of the dense start
 * @param flopsKept      multiply-adds per example of the final network
 * @param flopsStart     multiply-adds per example of the dense start
 * @param unitsKept      hidden units per layer of the final network
 * @param unitsStart     hidden units per layer of the dense start
 */
public record RunMeasurement(double accuracyBefore, double accuracyAfter, long paramsKept, long paramsStart,
                             long flopsKept, long flopsStart, int[] unitsKept, int[] unitsStart) {

    /** Fraction of the dense start's parameters that remain. */
    public double paramsFraction() {
        return (double) paramsKept / paramsStart;
    }

    /** Fraction of the dense start's multiply-adds that remain. */
    public double flopsFraction() {
        return (double) flopsKept / flopsStart;
    }
}
