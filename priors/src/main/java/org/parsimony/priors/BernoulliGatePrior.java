package org.parsimony.priors;

/**
 * The prior {@code p(z_j) = Bernoulli(lambda)} of a unit's gate, and the KL divergence of the variational
 * gate posterior {@code q(z_j) = Bernoulli(theta_j)} from it:
 * {@code KL = theta log(theta / lambda) + (1 - theta) log((1 - theta) / (1 - lambda))}, with
 * {@code 0 log 0 = 0} so that decided gates ({@code theta} exactly 0 or 1) are allowed.
 * Source: Guenter &amp; Sideris, "Robust Learning of Parsimonious Deep Neural Networks" (arXiv 2205.04650).
 */
public final class BernoulliGatePrior {
    private final double inclusion;

    /** @throws IllegalArgumentException unless {@code 0 < lambda < 1} */
    public BernoulliGatePrior(double inclusion) {
        if (!(inclusion > 0 && inclusion < 1)) {
            throw new IllegalArgumentException("inclusion probability lambda must be in (0, 1), got " + inclusion);
        }
        this.inclusion = inclusion;
    }

    /** The inclusion probability {@code lambda}. */
    public double inclusion() {
        return inclusion;
    }

    /** {@code KL(Bernoulli(theta) || Bernoulli(lambda))} for {@code theta} in [0, 1]. */
    public double klDivergence(double theta) {
        if (!(theta >= 0 && theta <= 1)) {
            throw new IllegalArgumentException("gate probability theta must be in [0, 1], got " + theta);
        }
        return xLogXOverY(theta, inclusion) + xLogXOverY(1 - theta, 1 - inclusion);
    }

    private static double xLogXOverY(double x, double y) {
        return x == 0 ? 0 : x * Math.log(x / y);
    }
}
