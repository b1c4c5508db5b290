package org.parsimony.pruning.confidence;

import java.util.Arrays;
import java.util.List;

/**
 * What {@link ConfidentCoverage} measured over its splits.
 *
 * @param alpha           risk level
 * @param delta           promised error probability: at most a fraction {@code delta} of splits should violate
 * @param calibrationSize calibration examples per split
 * @param testSize        test examples per split
 * @param ratios          the grid
 * @param heldOutRisks    each ratio's risk on the whole held-out set (the best estimate of its true risk)
 * @param splits          every split's outcome, in order
 */
public record CoverageResult(double alpha, double delta, int calibrationSize, int testSize, double[] ratios,
                             double[] heldOutRisks, List<CoverageSplit> splits) {

    /** Copies. */
    public CoverageResult {
        ratios = ratios.clone();
        heldOutRisks = heldOutRisks.clone();
        splits = List.copyOf(splits);
    }

    @Override
    public double[] ratios() {
        return ratios.clone();
    }

    @Override
    public double[] heldOutRisks() {
        return heldOutRisks.clone();
    }

    /** Splits whose certified ratio kept its promise (test risk {@code <= alpha}, or nothing certified). */
    public int certifiedCovered() {
        return (int) splits.stream().filter(s -> s.certifiedCovered(alpha)).count();
    }

    /** Splits whose naive ratio kept the same promise. */
    public int naiveCovered() {
        return (int) splits.stream().filter(s -> s.naiveCovered(alpha)).count();
    }

    /** The fraction of splits where the certified ratio kept its promise; the paper's guarantee is {@code >= 1 - delta}. */
    public double certifiedCoverage() {
        return (double) certifiedCovered() / splits.size();
    }

    /** The same for the naive choice. */
    public double naiveCoverage() {
        return (double) naiveCovered() / splits.size();
    }

    /** The 95 % Clopper-Pearson interval of the certified coverage. */
    public ClopperPearson certifiedInterval() {
        return ClopperPearson.of(certifiedCovered(), splits.size(), 0.95);
    }

    /** The 95 % Clopper-Pearson interval of the naive coverage. */
    public ClopperPearson naiveInterval() {
        return ClopperPearson.of(naiveCovered(), splits.size(), 0.95);
    }

    /** Splits on which some ratio was certified. */
    public int certifiedSplits() {
        return (int) splits.stream().filter(s -> !Double.isNaN(s.certifiedRatio())).count();
    }

    /** The certified ratios, NaN where none (in split order). */
    public double[] certifiedRatios() {
        return splits.stream().mapToDouble(CoverageSplit::certifiedRatio).toArray();
    }

    /** The naive ratios, NaN where none. */
    public double[] naiveRatios() {
        return splits.stream().mapToDouble(CoverageSplit::naiveRatio).toArray();
    }

    /** Mean of the ratios that are not NaN, NaN if none. */
    public static double meanOf(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
