package org.parsimony.pruning.policy;

import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.network.DeterministicNetwork;

import java.util.List;

/**
 * The result of a pruning schedule.
 *
 * @param network    the pruned (and fine-tuned) network, of the class of the network pruned
 * @param mask       the final weight mask for unstructured schedules; the all-ones mask after unit surgery of an MLP,
 *                   {@code null} for a conv net (which a weight mask does not describe)
 * @param <N>        the class of network
 * @param statistics the statistics the next round would have used
 * @param rounds     one entry per round, in order
 */
public record PruningOutcome<N extends DeterministicNetwork>(N network, WeightMask mask, PosteriorStatistics statistics,
                             List<PruningRound> rounds) {
    /** Copies the round list. */
    public PruningOutcome {
        rounds = List.copyOf(rounds);
    }
}
