package org.parsimony.priors;

/**
 * The prior {@code p(z_j) = Bernoulli(lambda)} of a unit's gate charged by the KL divergence of the variational gate
 * posterior {@code q(z_j) = Bernoulli(theta_j)} from it:
 * {@code KL = theta log(theta / lambda) + (1 - theta) log((1 - theta) / (1 - lambda))}, with
 * {@code 0 log 0 = 0} so that decided gates ({@code theta} exactly 0 or 1) are allowed; its derivative is
 * {@code log(theta / lambda) - log((1 - theta) / (1 - lambda))} (plus the clip's terms when the logarithms see a
 * clipped {@code theta}). The same function is the relative entropy {@code h(a, b)} of the Hoeffding bound.
 * Source: Guenter &amp; Sideris, "Robust Learning of Parsimonious Deep Neural Networks" (arXiv 2205.04650).
 */
public final class BernoulliGatePrior implements GatePrior {
    /** The one instance (the class holds no state; {@code lambda} is an argument). */
    public static final BernoulliGatePrior INSTANCE = new BernoulliGatePrior();

    private BernoulliGatePrior() {
    }

    @Override
    public <T> T kl(Elementwise<T> e, T theta, T thetaInLogs, T inclusion) {
        return e.add(e.xLogRatio(theta, thetaInLogs, inclusion),
                e.xLogRatio(e.oneMinus(theta), e.oneMinus(thetaInLogs), e.oneMinus(inclusion)));
    }

    @Override
    public <T> T klDerivative(Elementwise<T> e, T theta, T thetaInLogs, T inclusion, T clipSlope) {
        T on = e.log(e.divide(thetaInLogs, inclusion));
        T off = e.log(e.divide(e.oneMinus(thetaInLogs), e.oneMinus(inclusion)));
        T throughClip = e.subtract(e.divide(theta, thetaInLogs), e.divide(e.oneMinus(theta), e.oneMinus(thetaInLogs)));
        return e.add(e.subtract(on, off), e.multiply(clipSlope, throughClip));
    }

    /**
     * {@code KL(Bernoulli(theta) || Bernoulli(lambda))}, exactly ({@code 0 log 0 = 0}).
     *
     * @throws IllegalArgumentException unless {@code theta} is in [0, 1] and {@code lambda} in (0, 1)
     */
    public static double klDivergence(double theta, double lambda) {
        if (!(theta >= 0 && theta <= 1)) {
            throw new IllegalArgumentException("gate probability theta must be in [0, 1], got " + theta);
        }
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("inclusion probability lambda must be in (0, 1), got " + lambda);
        }
        double[] t = ArrayArithmetic.scalar(theta);
        return INSTANCE.kl(ArrayArithmetic.INSTANCE, t, t, ArrayArithmetic.scalar(lambda))[0];
    }

    @Override
    public String toString() {
        return "Bernoulli KL";
    }
}
