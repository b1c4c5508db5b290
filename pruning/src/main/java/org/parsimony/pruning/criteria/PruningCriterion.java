package org.parsimony.pruning.criteria;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.List;

/**
 * How important each unit (structured pruning) and each weight (unstructured pruning) is, computed from a
 * {@link PosteriorStatistics} alone, so criteria are interchangeable. Higher score = more important = pruned
 * later. Scores may be infinite (e.g. a weight known exactly to be nonzero) but never NaN.
 *
 * <p>Adding a criterion means adding one class that implements this interface; policies and schedules take
 * any criterion.
 */
public interface PruningCriterion {

    /** A short, stable name for result files, e.g. {@code magnitude-l2}. */
    String name();

    /**
     * One score per unit of every hidden layer: element {@code l} of the list has {@code n_l} scores for
     * hidden layer {@code l} ({@code 0 <= l < L - 1}). The output layer's units (the classes) are not scored.
     */
    List<double[]> unitScores(PosteriorStatistics statistics);

    /** One score per weight of every layer: element {@code l} is a {@code double} {@code [n_{l-1}, n_l]} matrix. */
    List<INDArray> weightScores(PosteriorStatistics statistics);

    /**
     * The criterion for {@code network}, the network of a later round of an iterative schedule: a criterion that
     * reads the network itself (not only the statistics), such as SiPP's sensitivities, recomputes what it read;
     * every other criterion is returned unchanged.
     */
    default PruningCriterion forNetwork(DeterministicMlp network) {
        return this;
    }
}
