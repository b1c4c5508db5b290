package org.parsimony.pruning;

/**
 * One structured pruning run, as a row of the comparison tables.
 *
 * @param criterion            criterion name
 * @param ratio                fraction of hidden units removed
 * @param seed                 seed of the dense training, the random criterion and the fine-tuning
 * @param widthsBefore         widths of the dense network, inputs first
 * @param widthsAfter          widths after surgery
 * @param paramsBefore         parameters of the dense network
 * @param paramsAfter          parameters after surgery
 * @param flopsBefore          multiply-adds per example of the dense network
 * @param flopsAfter           multiply-adds per example after surgery
 * @param accuracyDense        test accuracy of the dense network
 * @param accuracyPruned       test accuracy right after surgery, before fine-tuning
 * @param accuracyFineTuned    test accuracy after fine-tuning (equal to {@code accuracyPruned} without it)
 * @param fineTuneEpochs       fine-tuning epochs
 * @param denseInferenceSeconds  median time of one forward pass of the dense network over the test set
 * @param prunedInferenceSeconds median time of the same pass for the pruned network
 */
public record StructuredPruningResult(String criterion, double ratio, long seed, int[] widthsBefore, int[] widthsAfter,
                                      long paramsBefore, long paramsAfter, long flopsBefore, long flopsAfter,
                                      double accuracyDense, double accuracyPruned, double accuracyFineTuned,
                                      int fineTuneEpochs, double denseInferenceSeconds, double prunedInferenceSeconds) {

    /** {@code flopsBefore / flopsAfter}. */
    public double flopReduction() {
        return (double) flopsBefore / flopsAfter;
    }

    /** One line: widths, parameters, multiply-adds and accuracies before and after. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s to ratio %.2f (seed %d): widths %s -> %s, parameters %d -> %d, "
                + "multiply-adds %d -> %d, accuracy %.4f -> %.4f pruned -> %.4f after %d fine-tuning epochs", criterion,
                ratio, seed, java.util.Arrays.toString(widthsBefore), java.util.Arrays.toString(widthsAfter), paramsBefore,
                paramsAfter, flopsBefore, flopsAfter, accuracyDense, accuracyPruned, accuracyFineTuned, fineTuneEpochs);
    }

    /** {@code denseInferenceSeconds / prunedInferenceSeconds}. */
    public double measuredSpeedUp() {
        return denseInferenceSeconds / prunedInferenceSeconds;
    }
}
