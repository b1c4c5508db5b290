package org.parsimony.variational.network;

/**
 * Where the weight posterior {@code q(w) = N(mu, sigma^2)} of a fresh variational network starts: means
 * {@code mu ~ N(0, meanScale^2 2 / n_in)} (He et al. 2015, scaled), standard deviations either one absolute value or
 * {@code sigmaToSlabRatio} times the He-scale slab {@code s1 = sqrt(2 / n_in)} of the layer.
 *
 * <p>Why relative to the slab: the per-example KL is {@code KL / N}, and a weight's KL against {@code N(0, s1^2)} is
 * {@code log(s1 / sigma) + (sigma^2 + mu^2) / (2 s1^2) - 1/2}. An absolute starting {@code sigma} far below
 * {@code s1} costs {@code log(s1 / sigma)} nats per weight (about 1.8 for {@code sigma = 0.005} at 784 inputs), which
 * Adam's bounded log-variance steps take hundreds of minibatch steps to remove: on a large data set that happens
 * within the warm-up, on a small one (fewer steps per epoch, larger {@code 1/N}) the gates meet a KL that no unit's
 * likelihood gain can pay and close together. At {@code sigma = s1 / 2} that term is {@code log 2 - 3/8 = 0.32}
 * nats, and the local-reparameterisation noise of a pre-activation has a quarter of its signal's variance.
 *
 * @param meanScale        factor on the He standard deviation of the means ({@code > 0}; 1 is He-normal)
 * @param sigma            absolute starting standard deviation, or {@code <= 0} to use {@code sigmaToSlabRatio}
 * @param sigmaToSlabRatio starting {@code sigma / sqrt(2 / n_in)} when {@code sigma <= 0}
 */
public record InitialPosterior(double meanScale, double sigma, double sigmaToSlabRatio) {

    /** @throws IllegalArgumentException naming the value that is not positive and finite */
    public InitialPosterior {
        require("mean scale", meanScale);
        if (Double.isNaN(sigma) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("initial weight standard deviation must be finite, got " + sigma);
        }
        if (sigma <= 0) {
            require("sigma-to-slab ratio", sigmaToSlabRatio);
        }
    }

    /** He-normal means and one absolute standard deviation {@code sigma > 0}. */
    public static InitialPosterior absolute(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("initial weight standard deviation must be positive, got " + sigma);
        }
        return new InitialPosterior(1, sigma, 1);
    }

    /** Standard deviation of the means of a layer with {@code fanIn} inputs per unit. */
    public double meanStd(int fanIn) {
        return meanScale * Math.sqrt(2.0 / fanIn);
    }

    /** Starting posterior standard deviation of a layer with {@code fanIn} inputs per unit. */
    public double sigma(int fanIn) {
        return sigma > 0 ? sigma : sigmaToSlabRatio * Math.sqrt(2.0 / fanIn);
    }

    private static void require(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }
}
