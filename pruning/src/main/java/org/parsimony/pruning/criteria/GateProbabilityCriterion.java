package org.parsimony.pruning.criteria;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * The learned gate (Guenter &amp; Sideris, arXiv 2205.04650): unit score {@code pi_j = q(z_j = 1)}, the
 * posterior probability that the unit is on. A weight's score is the gate probability of the unit it feeds
 * ({@code pi_j} for every weight of column {@code j}); the gate says nothing about single weights, so every
 * weight of a unit ties. For a network without gates all scores are 1.
 */
public final class GateProbabilityCriterion implements PruningCriterion {

    /** Registered as {@code gate} ({@link PruningCriteria}). */
    public static final CriterionType TYPE = CriterionType.of("gate",
            "gate probability of a variational network", seed -> new GateProbabilityCriterion(), CriterionNeed.GATES).ranked(4);


    @Override
    public String name() {
        return "gate";
    }

    @Override
    public List<double[]> unitScores(CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        List<double[]> scores = new ArrayList<>();
        for (int l = 0; l < statistics.hiddenLayerCount(); l++) {
            scores.add(statistics.layer(l).gateProbabilities());
        }
        return scores;
    }

    @Override
    public List<INDArray> weightScores(CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        List<INDArray> scores = new ArrayList<>();
        for (int l = 0; l < statistics.layerCount(); l++) {
            double[] gates = statistics.layer(l).gateProbabilities();
            INDArray row = Nd4j.createFromArray(gates).reshape(1, gates.length);
            scores.add(Nd4j.zeros(DataType.DOUBLE, statistics.layer(l).inputs(), gates.length).addiRowVector(row));
        }
        return scores;
    }
}
