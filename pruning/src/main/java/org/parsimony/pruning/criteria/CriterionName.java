package org.parsimony.pruning.criteria;

import org.parsimony.pruning.criteria.GateProbabilityCriterion;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;
import org.parsimony.pruning.criteria.sipp.SippCriterion;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;

/** The criteria selectable on the command line, by their short names. */
public enum CriterionName {
    /** L2 norm of a unit's incoming weights ({@link MagnitudeCriterion}). */
    magnitude,
    /** Magnitude and uncertainty, the Wald statistic of a unit ({@link MagnitudeUncertaintyCriterion}). */
    mu,
    /** Uniformly random scores ({@link RandomCriterion}), seeded. */
    random,
    /** Gate probability of a variational network ({@link GateProbabilityCriterion}). */
    gate,
    /** SiPP / PFP empirical sensitivity from a batch of training inputs ({@link SippCriterion}). */
    sipp;

    /** Training examples SiPP computes its sensitivities from. */
    public static final int SENSITIVITY_BATCH = 256;

    /**
     * The criterion called {@code name}.
     *
     * @throws IllegalArgumentException naming the known criteria for an unknown name
     */
    public static CriterionName parse(String name) {
        for (CriterionName c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown criterion '" + name + "' (known: "
                + java.util.Arrays.toString(values()).replaceAll("[\\[\\]]", "") + ")");
    }

    /**
     * The criterion for {@code network}; {@code seed} picks the random scores and SiPP's input batch (drawn from
     * {@code train}, never from calibration or test data).
     *
     * @throws IllegalArgumentException for {@link #sipp} on a network that is not an MLP
     */
    public PruningCriterion create(long seed, DeterministicNetwork network, LabeledData train) {
        return switch (this) {
            case magnitude -> new MagnitudeCriterion();
            case mu -> new MagnitudeUncertaintyCriterion();
            case random -> new RandomCriterion(seed);
            case gate -> new GateProbabilityCriterion();
            case sipp -> new SippCriterion(requireMlp(network), sensitivityBatch(train, seed));
        };
    }

    private static DeterministicMlp requireMlp(DeterministicNetwork network) {
        if (!(network instanceof DeterministicMlp mlp)) {
            throw new IllegalArgumentException("sipp scores the units of MLPs only, not of " + network.architecture().name());
        }
        return mlp;
    }

    private static INDArray sensitivityBatch(LabeledData train, long seed) {
        int n = Math.min(SENSITIVITY_BATCH, train.size());
        int[] order = new java.util.SplittableRandom(seed ^ 0x5EEDL).ints(0, train.size()).distinct().limit(n).toArray();
        return Minibatch.of(train, order, 0, n).features();
    }

    /** Whether the criterion reads weight standard deviations (a pseudo-bootstrap for a deterministic network). */
    public boolean needsUncertainty() {
        return this == mu;
    }
}
