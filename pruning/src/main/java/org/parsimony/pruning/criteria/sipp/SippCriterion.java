package org.parsimony.pruning.criteria.sipp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.CriterionContext;
import org.parsimony.pruning.criteria.CriterionNeed;
import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.criteria.PruningCriteria;
import org.parsimony.pruning.criteria.PruningCriterion;

import java.util.ArrayList;
import java.util.List;

/**
 * SiPP and PFP as a {@link PruningCriterion}: weight score = the empirical sensitivity {@code s_ji} of the
 * weight, unit score = the PFP sensitivity {@code s_j} of the hidden unit (how much the next layer uses its
 * activation); see {@link EmpiricalSensitivity}. Data-informed: the scores come from the context's network (an MLP)
 * and its batch of training inputs, computed afresh for every context, so each round of an iterative schedule
 * scores the network that round starts from.
 *
 * <p>With the existing policies this is the <em>deterministic</em> form of the methods:
 * {@code WeightRatioPolicy(sipp, r, GLOBAL)} keeps the globally most sensitive weights (deterministic SiPP, as
 * torchprune's {@code SiPPNet} ranks all sensitivities together), {@code UnitRatioPolicy(sipp, r, ...)} keeps
 * the most sensitive units; neither reweights the kept weights. The sampling and hybrid forms, which
 * reweight, are {@link SippWeightPruner} and {@link PfpUnitPruner}.
 */
public final class SippCriterion implements PruningCriterion {
    /** Registered as {@code sipp} ({@link PruningCriteria}). */
    public static final CriterionType TYPE = CriterionType.of("sipp",
            "SiPP / PFP empirical sensitivity from a batch of training inputs (MLPs)", seed -> new SippCriterion(),
            CriterionNeed.DATA, CriterionNeed.MLP).ranked(5);

    @Override
    public String name() {
        return "sipp";
    }

    /**
     * The sensitivities of the context's network over its batch.
     *
     * @throws IllegalArgumentException if the context has no MLP or no batch
     */
    public EmpiricalSensitivity sensitivity(CriterionContext context) {
        return EmpiricalSensitivity.of(context.requireMlp("sipp"), context.requireBatch("sipp"));
    }

    @Override
    public List<double[]> unitScores(CriterionContext context) {
        EmpiricalSensitivity sensitivity = sensitivity(context);
        List<double[]> scores = new ArrayList<>();
        for (int l = 0; l < context.statistics().hiddenLayerCount(); l++) {
            scores.add(sensitivity.unitSensitivity(l));
        }
        return scores;
    }

    @Override
    public List<INDArray> weightScores(CriterionContext context) {
        EmpiricalSensitivity sensitivity = sensitivity(context);
        List<INDArray> scores = new ArrayList<>();
        for (int l = 0; l < context.statistics().layerCount(); l++) {
            scores.add(sensitivity.weightSensitivityMatrix(l));
        }
        return scores;
    }
}
