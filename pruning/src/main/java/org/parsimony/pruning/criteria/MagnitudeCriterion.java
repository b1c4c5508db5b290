package org.parsimony.pruning.criteria;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * The magnitude baseline (Han et al., "Learning both Weights and Connections for Efficient Neural
 * Networks", NeurIPS 2015; for units, the group-norm criterion of Li et al., "Pruning Filters for Efficient
 * ConvNets", ICLR 2017): weight score {@code |mu_ij|}; unit score the norm of the unit's incoming weight
 * group, {@code ||mu[:, j]||_2} (default) or {@code ||mu[:, j]||_1}. Not scale-invariant: multiplying a
 * layer's weights by {@code c} multiplies its scores by {@code |c|}. Needs no standard deviations.
 */
public final class MagnitudeCriterion implements PruningCriterion {

    /** Registered as {@code magnitude} ({@link PruningCriteria}). */
    public static final CriterionType TYPE = CriterionType.of("magnitude",
            "L2 norm of a unit's incoming weights (a weight: |w|)", seed -> new MagnitudeCriterion()).ranked(1);


    /** The norm of a unit's weight group. */
    public enum GroupNorm {
        /** {@code sum_i |mu_ij|}. */
        L1,
        /** {@code sqrt(sum_i mu_ij^2)}. */
        L2
    }

    private final GroupNorm norm;

    /** Unit score = L2 norm of the incoming weights. */
    public MagnitudeCriterion() {
        this(GroupNorm.L2);
    }

    /** Unit score = the given norm of the incoming weights. */
    public MagnitudeCriterion(GroupNorm norm) {
        this.norm = java.util.Objects.requireNonNull(norm, "norm");
    }

    @Override
    public String name() {
        return "magnitude-" + norm.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public List<double[]> unitScores(CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        List<double[]> scores = new ArrayList<>();
        for (int l = 0; l < statistics.hiddenLayerCount(); l++) {
            INDArray mu = statistics.layer(l).weightMean();
            INDArray groupNorm = norm == GroupNorm.L2 ? mu.norm2(0) : mu.norm1(0);
            scores.add(groupNorm.toDoubleVector());
        }
        return scores;
    }

    @Override
    public List<INDArray> weightScores(CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        List<INDArray> scores = new ArrayList<>();
        for (int l = 0; l < statistics.layerCount(); l++) {
            scores.add(Transforms.abs(statistics.layer(l).weightMean(), false));
        }
        return scores;
    }
}
