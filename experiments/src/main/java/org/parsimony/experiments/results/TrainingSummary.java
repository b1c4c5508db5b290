package org.parsimony.experiments.results;

import org.parsimony.variational.network.InputStandardization;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.parsimony.variational.training.EpochReport;

import java.util.List;
import java.util.Map;

/**
 * What {@code parsimony train} writes to {@code results.json}: the headline numbers, the provenance
 * (config, seed, data source) and the epoch history, so a result can be traced and rerun.
 *
 * @param testAccuracy       top-1 accuracy of the final deterministic network on the test set (a fraction)
 * @param unitsStart         hidden units (or filters) per gated layer at the start
 * @param unitsKept          hidden units (or filters) per gated layer at the end
 * @param paramsDense        weights and biases of the starting network
 * @param paramsKept         weights and biases of the final network
 * @param flopsDense         multiply-adds per example of the starting network
 * @param flopsKept          multiply-adds per example of the final network
 * @param gatesDecided       whether every final gate is exactly 0 or 1 (always true: the final network is deterministic)
 * @param seed               the run's seed
 * @param dataSource         where the data came from
 * @param config             every setting of the run
 * @param finalInclusion     {@code lambda} per hidden layer at the end
 * @param finalSlabVariance  {@code s1^2} per layer at the end
 * @param trainingSeconds    wall time of all training steps
 * @param history            one entry per epoch
 * @param architecture       the architecture's name ({@code mlp}, {@code lenet5}, {@code vgg}); units are filters in conv layers
 * @param peakHeapBytes      peak Java heap of the process during the run
 * @param peakResidentBytes  peak resident memory of the process during the run (heap, ND4J native buffers, BLAS)
 * @param inputStandardization the mean and standard deviation the training inputs were standardised by, or {@code null}
 *                           for raw pixels; the saved model has it folded into its first layer and reads raw pixels
 * @param warnings           signs that training diverged short of a NaN (a loss that exploded, an accuracy that stayed
 *                           at chance) with the likely cause; empty if none
 */
public record TrainingSummary(double testAccuracy, int[] unitsStart, int[] unitsKept, long paramsDense, long paramsKept,
                              long flopsDense, long flopsKept, boolean gatesDecided, long seed, String dataSource,
                              Map<String, Object> config, double[] finalInclusion, double[] finalSlabVariance,
                              double trainingSeconds, List<EpochReport> history, String architecture,
                              long peakHeapBytes, long peakResidentBytes, InputStandardization inputStandardization,
                              List<String> warnings) {

    /** Fraction of the starting parameters that remain. */
    @JsonProperty
    public double paramsKeptFraction() {
        return (double) paramsKept / paramsDense;
    }

    /** Fraction of the starting multiply-adds that remain. */
    @JsonProperty
    public double flopsKeptFraction() {
        return (double) flopsKept / flopsDense;
    }
}
