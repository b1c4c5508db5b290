package org.parsimony.pruning.criteria.sipp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.List;

/**
 * SiPP and PFP as a {@link PruningCriterion}: weight score = the empirical sensitivity {@code s_ji} of the
 * weight, unit score = the PFP sensitivity {@code s_j} of the hidden unit (how much the next layer uses its
 * activation); see {@link EmpiricalSensitivity}. Data-informed: the scores come from the network and the
 * input batch given at construction, not from the posterior statistics, which are only checked to describe
 * the same widths.
 *
 * <p>With the existing policies this is the <em>deterministic</em> form of the methods:
 * {@code WeightRatioPolicy(sipp, r, GLOBAL)} keeps the globally most sensitive weights (deterministic SiPP, as
 * torchprune's {@code SiPPNet} ranks all sensitivities together), {@code UnitRatioPolicy(sipp, r, ...)} keeps
 * the most sensitive units; neither reweights the kept weights. The sampling and hybrid forms, which
 * reweight, are {@link SippWeightPruner} and {@link PfpUnitPruner}.
 *
 * <p>The scores describe the network given at construction. In a multi-round schedule with fine-tuning or
 * unit surgery the network changes between rounds: a criterion built from a network and a batch recomputes its
 * sensitivities on the same batch for each round's network ({@link #forNetwork}); one built from given
 * sensitivities cannot, and a schedule whose statistics then describe other widths is rejected.
 */
public final class SippCriterion implements PruningCriterion {
    private final EmpiricalSensitivity sensitivity;
    private final INDArray batch;

    /** Sensitivities of {@code network} over the rows of {@code batch} ({@code [|S|, n_0]}). */
    public SippCriterion(DeterministicMlp network, INDArray batch) {
        this.sensitivity = EmpiricalSensitivity.of(network, batch);
        this.batch = batch;
    }

    /** Scores from already computed sensitivities (fixed: {@link #forNetwork} cannot recompute them). */
    public SippCriterion(EmpiricalSensitivity sensitivity) {
        this.sensitivity = java.util.Objects.requireNonNull(sensitivity, "sensitivity");
        this.batch = null;
    }

    /** The sensitivities of {@code network} on the same batch, or this criterion if it was given its sensitivities. */
    @Override
    public PruningCriterion forNetwork(DeterministicMlp network) {
        return batch == null ? this : new SippCriterion(network, batch);
    }

    /** The sensitivities behind the scores. */
    public EmpiricalSensitivity sensitivity() {
        return sensitivity;
    }

    @Override
    public String name() {
        return "sipp";
    }

    /**
     * @throws IllegalArgumentException if the statistics describe other widths than the network the
     *                                  sensitivities were computed for
     */
    @Override
    public List<double[]> unitScores(PosteriorStatistics statistics) {
        sensitivity.requireWidths(statistics.widths(), "the statistics");
        List<double[]> scores = new ArrayList<>();
        for (int l = 0; l < statistics.hiddenLayerCount(); l++) {
            scores.add(sensitivity.unitSensitivity(l));
        }
        return scores;
    }

    /**
     * @throws IllegalArgumentException if the statistics describe other widths than the network the
     *                                  sensitivities were computed for
     */
    @Override
    public List<INDArray> weightScores(PosteriorStatistics statistics) {
        sensitivity.requireWidths(statistics.widths(), "the statistics");
        List<INDArray> scores = new ArrayList<>();
        for (int l = 0; l < statistics.layerCount(); l++) {
            scores.add(sensitivity.weightSensitivityMatrix(l));
        }
        return scores;
    }
}
