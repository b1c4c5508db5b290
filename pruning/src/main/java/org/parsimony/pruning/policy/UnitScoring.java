package org.parsimony.pruning.policy;

import org.parsimony.pruning.criteria.CriterionContext;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.CoupledChannels;

import java.util.ArrayList;
import java.util.List;

/** A criterion's unit scores, checked to be one non-NaN score per hidden unit before a policy trusts them. */
final class UnitScoring {
    private UnitScoring() {
    }

    static List<double[]> checked(PruningCriterion criterion, CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        List<double[]> scores = criterion.unitScores(context);
        int[] widths = statistics.widths();
        if (scores.size() != statistics.hiddenLayerCount()) {
            throw new IllegalArgumentException("criterion " + criterion.name() + " scored " + scores.size()
                    + " hidden layers, the network has " + statistics.hiddenLayerCount());
        }
        for (int l = 0; l < scores.size(); l++) {
            if (scores.get(l).length != widths[l + 1]) {
                throw new IllegalArgumentException("criterion " + criterion.name() + " gave " + scores.get(l).length
                        + " scores for hidden layer " + l + " of " + widths[l + 1] + " units");
            }
            for (double s : scores.get(l)) {
                if (Double.isNaN(s)) {
                    throw new IllegalArgumentException("criterion " + criterion.name() + " gave a NaN score in hidden layer " + l);
                }
            }
        }
        // a residual stream's channels are scored as groups, so that its layers rank them alike
        return context.network() == null ? new ArrayList<>(scores)
                : new ArrayList<>(CoupledChannels.groupScores(context.network().architecture(), scores));
    }
}
