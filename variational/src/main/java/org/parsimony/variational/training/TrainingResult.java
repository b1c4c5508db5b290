package org.parsimony.variational.training;

import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicNetwork;

import java.util.List;

/**
 * The outcome of a variational run: the final deterministic network (every gate 0 or 1; a {@code DeterministicMlp}
 * for an MLP), the epoch history, the widths and architecture the run started from, and the prior parameters it
 * ended with.
 *
 * @param network        the deterministic network
 * @param history        one report per epoch
 * @param initialWidths  widths at the start, inputs first
 * @param finalInclusion {@code lambda} per hidden layer at the end
 * @param finalSlabVariance {@code s1^2} per layer at the end
 * @param architecture   the architecture at the start (its {@code complexity()} is the dense start's)
 * @param warnings       signs that the run diverged short of a NaN ({@link DivergenceGuard}); empty if none
 */
public record TrainingResult(DeterministicNetwork network, List<EpochReport> history, int[] initialWidths,
                             double[] finalInclusion, double[] finalSlabVariance, Architecture architecture,
                             List<String> warnings) {
}
