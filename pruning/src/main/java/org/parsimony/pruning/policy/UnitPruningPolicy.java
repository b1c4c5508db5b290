package org.parsimony.pruning.policy;

import org.parsimony.pruning.criteria.CriterionContext;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.KeptUnits;

import java.util.Arrays;

/**
 * Decides which hidden units to keep (structured pruning). Every policy keeps at least one unit in every
 * hidden layer: with none the output would be cut off from the input, and no criterion can justify that.
 */
public interface UnitPruningPolicy {

    /**
     * @param context               the network as it is now, its statistics and (for data-informed criteria) a batch
     * @param referenceHiddenWidths the hidden widths a ratio counts against (the widths before the first
     *                              round of an iterative schedule); policies without a ratio ignore it
     * @return the units to keep, at least one per hidden layer
     */
    KeptUnits select(CriterionContext context, int[] referenceHiddenWidths);

    /** {@link #select(CriterionContext, int[])} from statistics alone. */
    default KeptUnits select(PosteriorStatistics statistics, int[] referenceHiddenWidths) {
        return select(CriterionContext.of(statistics), referenceHiddenWidths);
    }

    /** {@link #select(CriterionContext, int[])} with the current widths as reference. */
    default KeptUnits select(CriterionContext context) {
        int[] widths = context.statistics().widths();
        return select(context, Arrays.copyOfRange(widths, 1, widths.length - 1));
    }

    /** {@link #select(CriterionContext)} from statistics alone. */
    default KeptUnits select(PosteriorStatistics statistics) {
        return select(CriterionContext.of(statistics));
    }

    /** A short description for result files, e.g. {@code ratio=0.5 global mu}. */
    String description();
}
