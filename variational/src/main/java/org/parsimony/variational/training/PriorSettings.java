package org.parsimony.variational.training;

import org.parsimony.priors.BernoulliGatePrior;
import org.parsimony.priors.FlattenedGatePrior;
import org.parsimony.priors.GatePrior;
import org.parsimony.priors.GatedUnitKl;
import org.parsimony.priors.InclusionHyperPrior;
import org.parsimony.priors.InverseGammaSlabHyperPrior;
import org.parsimony.priors.SparsityAdaptiveInclusionHyperPrior;

/**
 * The prior and hyper-prior settings of a variational run: the spike-to-slab variance ratio
 * {@code s0^2 / s1^2} (0 for a point-mass spike), the starting inclusion probability and slab variance, and the
 * hyper-priors whose closed-form MAP updates re-estimate {@code lambda} and {@code s1^2} of every layer after each epoch.
 *
 * <p>With a Gaussian spike ({@code spikeRatio > 0}) {@code q(w)} is shared by both gate states and the gate's KL
 * derivative is {@code KL(q(w) || N(0, s1^2)) - KL(q(w) || N(0, s0^2))}: the posterior entropy cancels, but a gate can
 * only close once its unit's posterior has shrunk to the spike, which the weights' own gradient never favours while
 * the gate is open (measured: no unit closed). With a point mass ({@code spikeRatio = 0}, the default) an open unit
 * pays {@code KL(q(w) || N(0, s1^2))} and a closed one nothing, so the gate weighs the unit's information cost
 * against its likelihood gain.
 *
 * @param spikeRatio            {@code s0^2 / s1^2} in {@code [0, 1)}
 * @param initialInclusion      {@code lambda} before the first update
 * @param initialSlabVariance   {@code s1^2} before the first update, kept fixed without a slab hyper-prior; {@code <= 0}
 *                              means the He scale {@code 2 / n_in} of the layer's live fan-in, recomputed after every
 *                              epoch's removals
 * @param inclusionHyperPrior   hyper-prior on {@code lambda} (its MAP update counts removed units as closed gates)
 * @param slabHyperPrior        inverse-gamma hyper-prior on {@code s1^2}, or {@code null} to keep {@code s1^2} fixed
 * @param gatePrior             the gate's term of the KL: {@link BernoulliGatePrior} (the KL itself, the default) or
 *                              {@link FlattenedGatePrior} (the cross-entropy); a new gate prior is a {@link GatePrior}
 *                              implementation set here
 */
public record PriorSettings(double spikeRatio, double initialInclusion, double initialSlabVariance,
                            InclusionHyperPrior inclusionHyperPrior, InverseGammaSlabHyperPrior slabHyperPrior,
                            GatePrior gatePrior) {

    /** Settings with the full Bernoulli KL on the gates. */
    public PriorSettings(double spikeRatio, double initialInclusion, double initialSlabVariance,
                         InclusionHyperPrior inclusionHyperPrior, InverseGammaSlabHyperPrior slabHyperPrior) {
        this(spikeRatio, initialInclusion, initialSlabVariance, inclusionHyperPrior, slabHyperPrior,
                BernoulliGatePrior.INSTANCE);
    }

    /** @throws IllegalArgumentException on a spike ratio outside [0, 1) or an inclusion outside (0, 1) */
    public PriorSettings {
        java.util.Objects.requireNonNull(gatePrior, "gatePrior");
        if (!(spikeRatio >= 0 && spikeRatio < 1)) {
            throw new IllegalArgumentException("spike-to-slab variance ratio must be in [0, 1), got " + spikeRatio);
        }
        if (!(initialInclusion > 0 && initialInclusion < 1)) {
            throw new IllegalArgumentException("initial inclusion must be in (0, 1), got " + initialInclusion);
        }
    }

    /**
     * Defaults: a point-mass spike ({@code q(w | z = 0) = p(w | z = 0)}, so a closed unit costs nothing);
     * {@code lambda = 0.5} to start, then the MAP value under the sparsity-adaptive hyper-prior {@code Beta(1, J^2)}
     * ({@link SparsityAdaptiveInclusionHyperPrior} with {@code u = 2}) after every epoch; the slab at the He scale
     * {@code s1^2 = 2 / n_in} of the live fan-in.
     *
     * <p>Why these, measured on Fashion-MNIST. Under the flat {@code Beta(1, 1)} and a slab fixed at the starting
     * fan-in, LeNet-300-100 kept 25 + 55 units and its 600-200 start 31 + 93 (full data, seed 1, 20 structure epochs),
     * because units the likelihood ignores hover at {@code lambda > 1/2} and the wider start's tighter slab spreads the
     * signal over more units. Under {@code Beta(1, J)} ({@code u = 1}) and the tempered KL, on 8,000 images the starts
     * 150-50, 300-100, 600-200 and 1200-400 kept 91, 100, 105 and 163 units: an open unit costs about
     * {@code u log J - log K} nats, so with {@code u = 1} a unit of a 1200-wide layer costs hardly more than one of a
     * 300-wide layer, and the undecided units of the wider start survive. {@code u = 2} (the theory of Castillo,
     * Schmidt-Hieber &amp; van der Vaart 2015 asks for {@code u > 1}) charges the choice among {@code J} candidates
     * twice: 84, 103, 89 and 113 units, with the same accuracy (85.5-85.9 %) and the same full-data result (5 seeds:
     * 89.06 % with 23.4 % of the units, against 89.15 % and 23.6 % at {@code u = 1}).
     *
     * <p>The inverse-gamma update of
     * {@code s1^2} is available ({@link #withSlabHyperPrior}) but off: with one slab variance per layer, ReLU's
     * rescaling symmetry between layers lets it shrink the first layer towards zero (measured: {@code s1^2} from
     * 1.6e-3 to 2e-6 in four epochs on the bundled data, accuracy falling to chance).
     */
    public static PriorSettings defaults() {
        return new PriorSettings(0, 0.5, 0, new SparsityAdaptiveInclusionHyperPrior(2), null);
    }

    /** Whether {@code p(w | z = 0)} is a point mass at 0. */
    public boolean pointMassSpike() {
        return spikeRatio == 0;
    }

    /** Whether the gate term is the flattened cross-entropy ({@link FlattenedGatePrior}). */
    public boolean flattenedGatePrior() {
        return gatePrior instanceof FlattenedGatePrior;
    }

    /** The KL terms of these settings' gate prior and spike, as the ELBO evaluates them. */
    public GatedUnitKl unitKl() {
        return new GatedUnitKl(gatePrior, pointMassSpike());
    }

    /** A copy with another spike-to-slab variance ratio. */
    public PriorSettings withSpikeRatio(double value) {
        return new PriorSettings(value, initialInclusion, initialSlabVariance, inclusionHyperPrior, slabHyperPrior,
                gatePrior);
    }

    /** A copy with the flattened gate term ({@code true}) or the Bernoulli KL ({@code false}). */
    public PriorSettings withFlattenedGatePrior(boolean value) {
        return withGatePrior(value ? FlattenedGatePrior.INSTANCE : BernoulliGatePrior.INSTANCE);
    }

    /** A copy with another gate prior. */
    public PriorSettings withGatePrior(GatePrior value) {
        return new PriorSettings(spikeRatio, initialInclusion, initialSlabVariance, inclusionHyperPrior, slabHyperPrior,
                value);
    }

    /** A copy with another hyper-prior on the inclusion probability {@code lambda}. */
    public PriorSettings withInclusionHyperPrior(InclusionHyperPrior hyperPrior) {
        return new PriorSettings(spikeRatio, initialInclusion, initialSlabVariance, hyperPrior, slabHyperPrior,
                gatePrior);
    }

    /** A copy whose {@code s1^2} takes the closed-form MAP update under {@code hyperPrior} ({@code null}: fixed). */
    public PriorSettings withSlabHyperPrior(InverseGammaSlabHyperPrior hyperPrior) {
        return new PriorSettings(spikeRatio, initialInclusion, initialSlabVariance, inclusionHyperPrior, hyperPrior,
                gatePrior);
    }
}
