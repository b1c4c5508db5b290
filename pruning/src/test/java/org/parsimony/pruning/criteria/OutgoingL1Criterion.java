package org.parsimony.pruning.criteria;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * A toy criterion: unit score = the L1 norm of the unit's outgoing weights, {@code sum_k |mu[j, k]|} of the next
 * layer (how strongly the next layer reads the unit); weight score {@code |mu_ij|}. MLPs only. The demonstration that a
 * criterion is one class: in the main tree it registers itself by its {@code TYPE}; here, among the tests, the test
 * registers it.
 */
public final class OutgoingL1Criterion implements PruningCriterion {
    /** Registered as {@code l1-outgoing}. */
    public static final CriterionType TYPE = CriterionType.of("l1-outgoing",
            "L1 norm of a unit's outgoing weights (a toy)", seed -> new OutgoingL1Criterion(), CriterionNeed.MLP);

    @Override
    public String name() {
        return "l1-outgoing";
    }

    @Override
    public List<double[]> unitScores(CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        List<double[]> scores = new ArrayList<>();
        for (int l = 0; l < statistics.hiddenLayerCount(); l++) {
            scores.add(statistics.layer(l + 1).weightMean().norm1(1).toDoubleVector());
        }
        return scores;
    }

    @Override
    public List<INDArray> weightScores(CriterionContext context) {
        List<INDArray> scores = new ArrayList<>();
        for (int l = 0; l < context.statistics().layerCount(); l++) {
            scores.add(Transforms.abs(context.statistics().layer(l).weightMean(), true));
        }
        return scores;
    }
}
