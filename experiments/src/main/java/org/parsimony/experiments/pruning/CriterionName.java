package org.parsimony.experiments.pruning;

import org.parsimony.pruning.criteria.GateProbabilityCriterion;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;

/** The criteria selectable on the command line, by their short names. */
public enum CriterionName {
    /** L2 norm of a unit's incoming weights ({@link MagnitudeCriterion}). */
    magnitude,
    /** Magnitude and uncertainty, the Wald statistic of a unit ({@link MagnitudeUncertaintyCriterion}). */
    mu,
    /** Uniformly random scores ({@link RandomCriterion}), seeded. */
    random,
    /** Gate probability of a variational network ({@link GateProbabilityCriterion}). */
    gate;

    /** The criterion; {@code seed} is used by {@link #random} only. */
    public PruningCriterion create(long seed) {
        return switch (this) {
            case magnitude -> new MagnitudeCriterion();
            case mu -> new MagnitudeUncertaintyCriterion();
            case random -> new RandomCriterion(seed);
            case gate -> new GateProbabilityCriterion();
        };
    }

    /** Whether the criterion reads weight standard deviations (a pseudo-bootstrap for a deterministic network). */
    public boolean needsUncertainty() {
        return this == mu;
    }
}
