package org.parsimony.pruning.confidence;

/**
 * One random calibration / test split of {@link ConfidentCoverage}.
 *
 * @param certifiedRatio  the ratio confident pruning certified on the calibration part, NaN if none
 * @param certifiedRisk   that ratio's risk on the test part, NaN if none
 * @param naiveRatio      the largest ratio whose calibration risk is {@code <= alpha}, NaN if none
 * @param naiveRisk       that ratio's risk on the test part, NaN if none
 */
public record CoverageSplit(double certifiedRatio, double certifiedRisk, double naiveRatio, double naiveRisk) {

    /** Whether the certified choice kept its promise on this split: nothing certified, or test risk {@code <= alpha}. */
    public boolean certifiedCovered(double alpha) {
        return Double.isNaN(certifiedRatio) || certifiedRisk <= alpha;
    }

    /** The same for the naive choice. */
    public boolean naiveCovered(double alpha) {
        return Double.isNaN(naiveRatio) || naiveRisk <= alpha;
    }
}
