package org.parsimony.priors;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Hyper-prior {@code lambda ~ Beta(a, b)} on the gate inclusion probability, and the closed-form update of
 * {@code lambda} that maximises the expected log joint plus the log hyper-prior:
 * {@code sum_j [theta_j log lambda + (1 - theta_j) log(1 - lambda)] + (a - 1) log lambda + (b - 1) log(1 - lambda)},
 * whose stationary point is {@code lambda* = (sum_j theta_j + a - 1) / (J + a + b - 2)} ({@code J} candidate units,
 * removed ones counting as closed gates: see {@link InclusionHyperPrior}).
 * Requires {@code a, b >= 1} (so the objective is concave and the update lies in [0, 1]); the result is clipped
 * to {@code [floor, 1 - floor]} so the Bernoulli KL stays finite.
 * Source: Guenter &amp; Sideris, "Robust Learning of Parsimonious Deep Neural Networks" (arXiv 2205.04650), the
 * hyper-prior on the prior parameters; the stationary point is derived here.
 */
public final class BetaInclusionHyperPrior implements InclusionHyperPrior {
    /** Smallest and largest inclusion probability the update returns ({@link InclusionHyperPrior#FLOOR}). */
    public static final double FLOOR = InclusionHyperPrior.FLOOR;

    private final double a;
    private final double b;

    /** @throws IllegalArgumentException unless {@code a >= 1} and {@code b >= 1} */
    public BetaInclusionHyperPrior(double a, double b) {
        if (!(a >= 1) || !(b >= 1) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Beta hyper-prior needs a >= 1 and b >= 1; got a = " + a + ", b = " + b);
        }
        this.a = a;
        this.b = b;
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    /** Log density of {@code Beta(a, b)} at {@code lambda}. */
    public double logDensity(double lambda) {
        return new BetaDistribution(null, a, b).logDensity(lambda);
    }

    @Override
    public double logDensity(double lambda, int candidates) {
        return logDensity(lambda);
    }

    /** The MAP inclusion probability given the gates of a layer that has lost none of its units. */
    public double update(GatedLayerMoments layer) {
        return update(layer, layer.units());
    }

    @Override
    public double update(GatedLayerMoments live, int candidates) {
        InclusionHyperPrior.requireCandidates(live, candidates);
        return InclusionHyperPrior.clip((live.expectedOpenUnits() + a - 1) / (candidates + a + b - 2));
    }

    @Override
    public String describe() {
        return "Beta(" + a + "," + b + ")";
    }
}
