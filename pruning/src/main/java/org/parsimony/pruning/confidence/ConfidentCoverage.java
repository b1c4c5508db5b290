package org.parsimony.pruning.confidence;

import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.RandomPermutation;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The empirical check of confident pruning's guarantee (Alvarez 2024, Section 5): the held-out examples are split at
 * random {@code R} times into a calibration part of {@code n} examples and a test part (the rest); on each split
 * {@link ConfidentPruning} certifies a ratio on the calibration part, and the split violates the guarantee when that
 * ratio's risk on the test part exceeds {@code alpha}. The guarantee says at most a fraction {@code delta} of splits
 * violate it (up to the test part's own sampling noise). The naive choice, the largest ratio whose calibration risk is
 * {@code <= alpha}, is measured on the same splits for contrast.
 *
 * <p>The networks are pruned once per ratio (the pruner must not depend on the data) and every example's loss is
 * computed once per ratio; a split then only averages those losses, which gives exactly the risks
 * {@link ConfidentPruning#calibrate} measures on the same calibration part and the result of its test.
 */
public final class ConfidentCoverage {
    private final ConfidentPruning procedure;
    private final int splits;
    private final int calibrationSize;
    private final long seed;

    /**
     * @param procedure       alpha, delta and the loss
     * @param splits          random splits {@code R >= 1}
     * @param calibrationSize calibration examples per split, {@code >= 1}
     * @param seed            seeds the splits
     * @throws IllegalArgumentException if a count is below 1
     */
    public ConfidentCoverage(ConfidentPruning procedure, int splits, int calibrationSize, long seed) {
        this.procedure = Objects.requireNonNull(procedure, "procedure");
        if (splits < 1) {
            throw new IllegalArgumentException("the coverage check needs at least one split, got " + splits);
        }
        if (calibrationSize < 1) {
            throw new IllegalArgumentException("the calibration part needs at least one example, got " + calibrationSize);
        }
        this.splits = splits;
        this.calibrationSize = calibrationSize;
        this.seed = seed;
    }

    /** The calibration indices of split {@code s} of {@code size} examples (its first {@code n}); the rest is the test part. */
    public int[] permutation(int s, int size) {
        SplittableRandom random = new SplittableRandom(seed).split();
        for (int k = 0; k < s; k++) {
            random = random.split();
        }
        return RandomPermutation.of(size, random);
    }

    /**
     * Runs the check.
     *
     * @param heldOut examples not used for training or pruning, more than the calibration size
     * @throws IllegalArgumentException if there are not more held-out examples than the calibration size, or the grid
     *                                  is invalid
     */
    public CoverageResult run(DeterministicMlp dense, RatioPruner pruner, double[] ratios, LabeledData heldOut) {
        int size = heldOut.size();
        if (size <= calibrationSize) {
            throw new IllegalArgumentException("the held-out set has " + size + " examples; the coverage check needs more "
                    + "than the " + calibrationSize + " calibration examples, to test on the rest");
        }
        procedure.test(ratios, new double[ratios.length], 1); // validates the grid before any pruning
        double[][] losses = new double[ratios.length][];
        double[] heldOutRisks = new double[ratios.length];
        for (int k = 0; k < ratios.length; k++) {
            DeterministicMlp pruned = Objects.requireNonNull(pruner.prune(ratios[k]), "pruned network at ratio " + ratios[k]);
            losses[k] = procedure.exampleLosses(dense, pruned, ratios[k], heldOut);
            heldOutRisks[k] = java.util.Arrays.stream(losses[k]).sum() / size;
        }
        List<CoverageSplit> outcomes = new ArrayList<>();
        double alpha = procedure.alpha();
        for (int s = 0; s < splits; s++) {
            int[] order = permutation(s, size);
            double[] calibrationRisk = new double[ratios.length];
            double[] testRisk = new double[ratios.length];
            for (int k = 0; k < ratios.length; k++) {
                double c = 0;
                double t = 0;
                for (int i = 0; i < size; i++) {
                    if (i < calibrationSize) {
                        c += losses[k][order[i]];
                    } else {
                        t += losses[k][order[i]];
                    }
                }
                calibrationRisk[k] = Math.min(1.0, c / calibrationSize);
                testRisk[k] = t / (size - calibrationSize);
            }
            ConfidentPruningResult result = procedure.test(ratios, calibrationRisk, calibrationSize);
            int certified = result.rejectedCount() - 1;
            int naive = -1;
            for (int k = 0; k < ratios.length; k++) {
                if (calibrationRisk[k] <= alpha) {
                    naive = k;
                }
            }
            outcomes.add(new CoverageSplit(certified < 0 ? Double.NaN : ratios[certified],
                    certified < 0 ? Double.NaN : testRisk[certified], naive < 0 ? Double.NaN : ratios[naive],
                    naive < 0 ? Double.NaN : testRisk[naive]));
        }
        return new CoverageResult(alpha, procedure.delta(), calibrationSize, size - calibrationSize, ratios, heldOutRisks,
                outcomes);
    }

}
