package org.parsimony.priors;

/**
 * A hyper-prior over a layer's gate inclusion probability {@code lambda}, with the closed-form update of
 * {@code lambda} that maximises the expected log joint of the layer's gates plus the log hyper-prior.
 *
 * <p>The gates are those of all {@code J} candidate units the layer started with: a unit removed during training has
 * a gate that is closed for good ({@code theta = 0}, Guenter &amp; Sideris, arXiv 2406.04549), so it still counts, as
 * a closed gate, in {@code sum_j [theta_j log lambda + (1 - theta_j) log(1 - lambda)]}. Dropping removed units from
 * that sum instead would raise {@code lambda} every time units are removed.
 */
public interface InclusionHyperPrior {
    /** Smallest and largest inclusion probability an update returns. */
    double FLOOR = 1e-6;

    /**
     * The MAP inclusion probability.
     *
     * @param live       gates of the units still in the layer
     * @param candidates units the layer started with ({@code >= live.units()}); the missing ones are closed gates
     * @throws IllegalArgumentException if {@code candidates < live.units()}
     */
    double update(GatedLayerMoments live, int candidates);

    /** Log density of the hyper-prior at {@code lambda} for a layer of {@code candidates} units. */
    double logDensity(double lambda, int candidates);

    /** A short description, recorded with results and checkpoints, e.g. {@code Beta(1.0,1.0)}. */
    String describe();

    /** Checks {@code candidates >= live.units()}. */
    static void requireCandidates(GatedLayerMoments live, int candidates) {
        if (candidates < live.units()) {
            throw new IllegalArgumentException("a layer of " + live.units() + " live units cannot have started with "
                    + candidates);
        }
    }

    /** {@code lambda} clipped to {@code [FLOOR, 1 - FLOOR]} so the Bernoulli KL stays finite. */
    static double clip(double lambda) {
        return Math.min(1 - FLOOR, Math.max(FLOOR, lambda));
    }
}
