package org.parsimony.experiments.pruning;

/**
 * One weight-level (unstructured) pruning run: the network keeps its shape and is counted as stored sparse.
 *
 * @param accuracyBefore    test accuracy of the schedule run without fine-tuning
 * @param accuracyAfter     test accuracy after fine-tuning with the pruned weights held at 0 (equal to
 *                          {@code accuracyBefore} without fine-tuning)
 * @param nonzeroParameters weights and biases of the final network that are not exactly 0
 * @param nonzeroWeights    its weights that are not exactly 0: the multiply-adds per example of a sparse kernel
 */
public record WeightPruningResult(double accuracyBefore, double accuracyAfter, long nonzeroParameters,
                                  long nonzeroWeights) {
}
