package org.parsimony.variational.graph;

/**
 * The prior parameters of one layer as the ELBO graph consumes them: the gate inclusion probability
 * {@code lambda} of {@code p(z_j) = Bernoulli(lambda)}, and the variances of the Gaussian scale mixture
 * {@code p(w | z=1) = N(0, slabVariance)}, {@code p(w | z=0) = N(0, spikeVariance)}.
 * A {@code spikeVariance} of 0 means the spike is a point mass at 0; the posterior of an off unit's weights
 * then equals that prior ({@code q(w | z=0) = p(w | z=0)}) and contributes no KL.
 *
 * @param inclusion     {@code lambda} in (0, 1); ignored for ungated layers
 * @param slabVariance  {@code s1^2 > 0}
 * @param spikeVariance {@code s0^2} in [0, s1^2)
 */
public record LayerPrior(double inclusion, double slabVariance, double spikeVariance) {

    /** @throws IllegalArgumentException on values outside the ranges above */
    public LayerPrior {
        if (!(inclusion > 0 && inclusion < 1)) {
            throw new IllegalArgumentException("inclusion probability must be in (0, 1), got " + inclusion);
        }
        if (!(slabVariance > 0) || !Double.isFinite(slabVariance)) {
            throw new IllegalArgumentException("slab variance must be positive and finite, got " + slabVariance);
        }
        if (!(spikeVariance >= 0 && spikeVariance < slabVariance)) {
            throw new IllegalArgumentException("spike variance must be in [0, slab variance " + slabVariance
                    + "), got " + spikeVariance);
        }
    }
}
