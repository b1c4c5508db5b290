package org.parsimony.pruning.policy;

import org.parsimony.pruning.criteria.CriterionContext;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.KeptUnits;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the hidden units whose gate probability is at least a threshold, {@code pi_j >= t}; with
 * {@code t = 0.5} this is the deterministic network the variational posterior describes (the same rule as
 * {@code VariationalMlp.toDeterministic()}). If no unit of a layer passes, the most probable one is kept
 * (ties: the lower index).
 */
public final class GateThresholdPolicy implements UnitPruningPolicy {
    private final double threshold;

    /** Threshold 0.5. */
    public GateThresholdPolicy() {
        this(0.5);
    }

    /** @throws IllegalArgumentException unless {@code 0 <= threshold <= 1} */
    public GateThresholdPolicy(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("gate threshold must be in [0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public String description() {
        return "gate>=" + threshold;
    }

    @Override
    public KeptUnits select(CriterionContext context, int[] referenceHiddenWidths) {
        PosteriorStatistics statistics = context.statistics();
        List<boolean[]> keep = new ArrayList<>();
        for (int l = 0; l < statistics.hiddenLayerCount(); l++) {
            double[] pi = statistics.layer(l).gateProbabilities();
            boolean[] flags = new boolean[pi.length];
            boolean any = false;
            int best = 0;
            for (int j = 0; j < pi.length; j++) {
                flags[j] = pi[j] >= threshold;
                any |= flags[j];
                if (pi[j] > pi[best]) {
                    best = j;
                }
            }
            if (!any) {
                flags[best] = true;
            }
            keep.add(flags);
        }
        return KeptUnits.fromFlags(keep);
    }
}
