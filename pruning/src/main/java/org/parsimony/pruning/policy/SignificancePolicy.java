package org.parsimony.pruning.policy;

import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.criteria.CriterionContext;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.KeptUnits;

import java.util.ArrayList;
import java.util.List;

/**
 * Prunes by significance: a hidden unit whose structured MU Wald test has p-value {@code p_j > alpha} (its
 * incoming weights are not significantly different from 0 at level {@code alpha}) is pruned; see
 * {@link MagnitudeUncertaintyCriterion#unitPValues}. If no unit of a layer is significant, the one with the
 * smallest p-value is kept (ties: the larger Wald deviate, then the lower index). The units pruned are
 * as many as the data say, not a fixed ratio; note this is one test per unit without a multiple-testing
 * correction.
 */
public final class SignificancePolicy implements UnitPruningPolicy {
    private final MagnitudeUncertaintyCriterion criterion = new MagnitudeUncertaintyCriterion();
    private final double alpha;

    /** @throws IllegalArgumentException unless {@code 0 < alpha < 1} */
    public SignificancePolicy(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("significance level must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public String description() {
        return "significance alpha=" + alpha + " mu";
    }

    @Override
    public KeptUnits select(CriterionContext context, int[] referenceHiddenWidths) {
        PosteriorStatistics statistics = context.statistics();
        List<double[]> pValues = criterion.unitPValues(statistics);
        List<double[]> deviates = criterion.unitScores(statistics);
        List<boolean[]> keep = new ArrayList<>();
        for (int l = 0; l < pValues.size(); l++) {
            double[] p = pValues.get(l);
            double[] z = deviates.get(l);
            boolean[] flags = new boolean[p.length];
            boolean any = false;
            int best = 0;
            for (int j = 0; j < p.length; j++) {
                flags[j] = p[j] <= alpha;
                any |= flags[j];
                if (p[j] < p[best] || (p[j] == p[best] && z[j] > z[best])) {
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
