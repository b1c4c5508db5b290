package org.parsimony.priors;

/**
 * Kullback-Leibler divergence of a Gaussian posterior from a zero-mean Gaussian prior:
 * {@code KL(N(mu, sigma^2) || N(0, s^2)) = log(s / sigma) + (sigma^2 + mu^2) / (2 s^2) - 1/2}
 * (e.g. Bishop, <i>Pattern Recognition and Machine Learning</i>, 2006, eq. 1.113 specialised to Gaussians).
 * Written once, for a group of {@code n} weights from their sums ({@link #ofGroup}), which every ELBO evaluates.
 */
public final class GaussianKlDivergence {
    private GaussianKlDivergence() {
    }

    /**
     * {@code sum_i KL(N(mu_i, sigma_i^2) || N(0, v)) = (n log v - sum_i log sigma_i^2 + sum_i (sigma_i^2 + mu_i^2) / v - n) / 2}
     * of a group of {@code n} weights (a unit's incoming weights, a filter's kernel), from the group's sums.
     *
     * @param sumLogVariance  {@code sum_i log sigma_i^2}
     * @param sumSecondMoment {@code sum_i (sigma_i^2 + mu_i^2)}
     * @param n               number of weights in the group
     * @param priorVariance   {@code v = s^2}
     */
    public static <T> T ofGroup(Elementwise<T> e, T sumLogVariance, T sumSecondMoment, long n, T priorVariance) {
        T logDeterminants = e.subtract(e.times(e.log(priorVariance), n), sumLogVariance);
        return e.times(e.minus(e.add(logDeterminants, e.divide(sumSecondMoment, priorVariance)), n), 0.5);
    }

    /**
     * The divergence of one weight.
     *
     * @param mean          posterior mean {@code mu}
     * @param variance      posterior variance {@code sigma^2 > 0}
     * @param priorVariance prior variance {@code s^2 > 0}
     * @throws IllegalArgumentException on a non-positive variance or non-finite argument
     */
    public static double of(double mean, double variance, double priorVariance) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("posterior mean must be finite, got " + mean);
        }
        requirePositive("posterior variance", variance);
        requirePositive("prior variance", priorVariance);
        ArrayArithmetic e = ArrayArithmetic.INSTANCE;
        return ofGroup(e, ArrayArithmetic.scalar(Math.log(variance)), ArrayArithmetic.scalar(variance + mean * mean), 1,
                ArrayArithmetic.scalar(priorVariance))[0];
    }

    static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }
}
