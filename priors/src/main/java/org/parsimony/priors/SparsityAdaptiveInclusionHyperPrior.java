package org.parsimony.priors;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The sparsity-adaptive hyper-prior {@code lambda ~ Beta(1, J^u)} of a layer of {@code J} candidate units
 * (Castillo &amp; van der Vaart, "Needles and straw in a haystack", Ann. Statist. 40(4), 2012; Castillo,
 * Schmidt-Hieber &amp; van der Vaart, Ann. Statist. 43(5), 2015): a priori the layer expects about {@code J^(1-u)}
 * open units whatever its width, and each open unit costs about {@code u log J - log K} nats more than under a flat
 * hyper-prior ({@code K} open units), the price of choosing which units among {@code J}.
 *
 * <p>Why: under the flat {@code Beta(1, 1)}, {@code lambda} is the mean gate, and a unit whose gate the likelihood
 * does not care about (a ReLU unit that never fires, weights at the prior) is pulled towards that mean, which stays
 * above 1/2 while most units are open; such units then survive the final {@code theta >= 1/2} decision in numbers that
 * grow with the starting width. Here {@code lambda} stays below about 1/2, so indifferent gates close.
 *
 * <p>The theory of Castillo, Schmidt-Hieber &amp; van der Vaart asks for {@code u > 1} (the prior on the number of open
 * units must decrease exponentially); the trainer's default is {@code u = 2}.
 *
 * <p>MAP update (maximising {@code sum_j [theta_j log lambda + (1 - theta_j) log(1 - lambda)] + (J^u - 1) log(1 - lambda)}):
 * {@code lambda* = sum_j theta_j / (J + J^u - 1)}.
 */
public final class SparsityAdaptiveInclusionHyperPrior implements InclusionHyperPrior {
    private final double exponent;

    /** @throws IllegalArgumentException unless {@code 0 <= u <= 2} ({@code u = 0} is the flat {@code Beta(1, 1)}) */
    public SparsityAdaptiveInclusionHyperPrior(double exponent) {
        if (!(exponent >= 0 && exponent <= 2)) {
            throw new IllegalArgumentException("sparsity exponent u of Beta(1, J^u) must be in [0, 2], got " + exponent);
        }
        this.exponent = exponent;
    }

    /** The exponent {@code u}. */
    public double exponent() {
        return exponent;
    }

    /** The second Beta parameter {@code J^u} for a layer of {@code candidates} units. */
    public double b(int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("a layer needs at least one unit, got " + candidates);
        }
        return Math.pow(candidates, exponent);
    }

    @Override
    public double update(GatedLayerMoments live, int candidates) {
        InclusionHyperPrior.requireCandidates(live, candidates);
        return InclusionHyperPrior.clip(live.expectedOpenUnits() / (candidates + b(candidates) - 1));
    }

    @Override
    public double logDensity(double lambda, int candidates) {
        return new BetaDistribution(null, 1, b(candidates)).logDensity(lambda);
    }

    @Override
    public String describe() {
        return "Beta(1,J^" + exponent + ")";
    }
}
