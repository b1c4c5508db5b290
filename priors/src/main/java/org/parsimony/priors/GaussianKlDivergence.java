package org.parsimony.priors;

/**
 * Kullback-Leibler divergence of a Gaussian posterior from a zero-mean Gaussian prior:
 * {@code KL(N(mu, sigma^2) || N(0, s^2)) = log(s / sigma) + (sigma^2 + mu^2) / (2 s^2) - 1/2}
 * (e.g. Bishop, <i>Pattern Recognition and Machine Learning</i>, 2006, eq. 1.113 specialised to Gaussians).
 */
public final class GaussianKlDivergence {
    private GaussianKlDivergence() {
    }

    /**
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
        return 0.5 * (Math.log(priorVariance / variance) + (variance + mean * mean) / priorVariance - 1);
    }

    static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }
}
