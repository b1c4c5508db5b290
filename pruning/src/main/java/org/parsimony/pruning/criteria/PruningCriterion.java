package org.parsimony.pruning.criteria;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.List;

/**
 * How important each unit (structured pruning) and each weight (unstructured pruning) is, computed from a
 * {@link CriterionContext}: the network as it is now, its statistics and an optional batch of training inputs, so
 * criteria are interchangeable and a schedule rescoring a later round's network gets fresh scores. Higher score =
 * more important = pruned later. Scores may be infinite (e.g. a weight known exactly to be nonzero) but never NaN.
 *
 * <p>Adding a criterion means adding one class that implements this interface and declares a
 * {@code public static final CriterionType TYPE}: {@link PruningCriteria} registers it by that name for the pruner,
 * the command line and the studies.
 */
public interface PruningCriterion {

    /** A short, stable name for result files, e.g. {@code magnitude-l2}. */
    String name();

    /**
     * One score per unit of every hidden layer: element {@code l} of the list has {@code n_l} scores for
     * hidden layer {@code l} ({@code 0 <= l < L - 1}). The output layer's units (the classes) are not scored.
     */
    List<double[]> unitScores(CriterionContext context);

    /** One score per weight of every layer: element {@code l} is a {@code double} {@code [n_{l-1}, n_l]} matrix. */
    List<INDArray> weightScores(CriterionContext context);

    /** {@link #unitScores(CriterionContext)} from statistics alone (no network, no batch). */
    default List<double[]> unitScores(PosteriorStatistics statistics) {
        return unitScores(CriterionContext.of(statistics));
    }

    /** {@link #weightScores(CriterionContext)} from statistics alone (no network, no batch). */
    default List<INDArray> weightScores(PosteriorStatistics statistics) {
        return weightScores(CriterionContext.of(statistics));
    }
}
