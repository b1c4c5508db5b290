package org.parsimony.variational.training;

import org.parsimony.variational.network.DeterministicMlp;

import java.util.List;

/**
 * The outcome of a variational run: the final deterministic network (every gate 0 or 1), the epoch history,
 * the widths the run started from, and the prior parameters it ended with.
 *
 * @param network        the deterministic network
 * @param history        one report per epoch
 * @param initialWidths  widths at the start, inputs first
 * @param finalInclusion {@code lambda} per hidden layer at the end
 * @param finalSlabVariance {@code s1^2} per layer at the end
 */
public record TrainingResult(DeterministicMlp network, List<EpochReport> history, int[] initialWidths,
                             double[] finalInclusion, double[] finalSlabVariance) {
}
