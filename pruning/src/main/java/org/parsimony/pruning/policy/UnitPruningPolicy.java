package org.parsimony.pruning.policy;

import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.KeptUnits;

import java.util.Arrays;

/**
 * Decides which hidden units to keep (structured pruning). Every policy keeps at least one unit in every
 * hidden layer: with none the output would be cut off from the input, and no criterion can justify that.
 */
public interface UnitPruningPolicy {

    /**
     * @param statistics            statistics of the network as it is now
     * @param referenceHiddenWidths the hidden widths a ratio counts against (the widths before the first
     *                              round of an iterative schedule); policies without a ratio ignore it
     * @return the units to keep, at least one per hidden layer
     */
    KeptUnits select(PosteriorStatistics statistics, int[] referenceHiddenWidths);

    /** {@link #select(PosteriorStatistics, int[])} with the current widths as reference. */
    default KeptUnits select(PosteriorStatistics statistics) {
        int[] widths = statistics.widths();
        return select(statistics, Arrays.copyOfRange(widths, 1, widths.length - 1));
    }

    /** A short description for result files, e.g. {@code ratio=0.5 global mu}. */
    String description();

    /**
     * The policy for {@code network}, the network of a later round of an iterative schedule: its criterion
     * {@link org.parsimony.pruning.criteria.PruningCriterion#forNetwork recomputed} for that network where it reads
     * the network itself. Policies without such a criterion return themselves.
     */
    default UnitPruningPolicy forNetwork(org.parsimony.variational.network.DeterministicMlp network) {
        return this;
    }
}
