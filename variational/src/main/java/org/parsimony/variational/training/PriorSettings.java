package org.parsimony.variational.training;

import org.parsimony.priors.BetaInclusionHyperPrior;
import org.parsimony.priors.InverseGammaSlabHyperPrior;

/**
 * The prior and hyper-prior settings of a variational run: the spike variance {@code s0^2} (0 for a point
 * mass), the starting inclusion probability and slab variance, and the hyper-priors whose closed-form
 * MAP updates re-estimate {@code lambda} and {@code s1^2} of every layer after each epoch.
 *
 * @param spikeVariance         {@code s0^2 >= 0}
 * @param initialInclusion      {@code lambda} before the first update
 * @param initialSlabVariance   {@code s1^2} before the first update; {@code <= 0} means He scale {@code 2 / n_in}
 * @param inclusionHyperPrior   Beta hyper-prior on {@code lambda}
 * @param slabHyperPrior        inverse-gamma hyper-prior on {@code s1^2}, or {@code null} to keep {@code s1^2} fixed
 */
public record PriorSettings(double spikeVariance, double initialInclusion, double initialSlabVariance,
                            BetaInclusionHyperPrior inclusionHyperPrior, InverseGammaSlabHyperPrior slabHyperPrior) {

    /** @throws IllegalArgumentException on a negative spike variance or an inclusion outside (0, 1) */
    public PriorSettings {
        if (!(spikeVariance >= 0) || !Double.isFinite(spikeVariance)) {
            throw new IllegalArgumentException("spike variance must be >= 0, got " + spikeVariance);
        }
        if (!(initialInclusion > 0 && initialInclusion < 1)) {
            throw new IllegalArgumentException("initial inclusion must be in (0, 1), got " + initialInclusion);
        }
    }

    /**
     * Defaults: point-mass spike, {@code lambda = 0.5} to start, He-scaled slab, a flat {@code Beta(1, 1)} on
     * {@code lambda} and a weak {@code InvGamma(1, 1e-4)} on {@code s1^2}.
     */
    public static PriorSettings defaults() {
        return new PriorSettings(0, 0.5, 0, new BetaInclusionHyperPrior(1, 1),
                new InverseGammaSlabHyperPrior(1, 1e-4));
    }
}
