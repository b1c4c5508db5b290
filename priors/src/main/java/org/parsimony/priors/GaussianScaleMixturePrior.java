package org.parsimony.priors;

/**
 * Gaussian scale mixture prior on the weights of a gated unit, conditioned on its gate {@code z}:
 * {@code p(w | z = 1) = N(0, s1^2)} (the slab) and {@code p(w | z = 0) = N(0, s0^2)} (the spike,
 * {@code s0 < s1}); marginally {@code p(w) = lambda N(0, s1^2) + (1 - lambda) N(0, s0^2)}.
 * A spike variance of 0 is a point mass at 0; then the variational posterior of an off unit's weights is
 * taken equal to the prior ({@code q(w | z=0) = p(w | z=0)}) and adds no KL.
 *
 * <p>For a unit with gate posterior {@code Bernoulli(theta)} and weight posteriors {@code N(mu_i, sigma_i^2)}
 * the weight part of the KL is
 * {@code theta sum_i KL(N(mu_i, sigma_i^2) || N(0, s1^2)) + (1 - theta) sum_i KL(N(mu_i, sigma_i^2) || N(0, s0^2))}.
 * Source: Guenter &amp; Sideris, "Robust Learning of Parsimonious Deep Neural Networks" (arXiv 2205.04650), section on
 * the GSM prior.
 */
public final class GaussianScaleMixturePrior {
    private final double spikeVariance;
    private final double slabVariance;

    /** @throws IllegalArgumentException unless {@code 0 <= s0^2 < s1^2} and both finite */
    public GaussianScaleMixturePrior(double spikeVariance, double slabVariance) {
        GaussianKlDivergence.requirePositive("slab variance s1^2", slabVariance);
        if (!(spikeVariance >= 0 && spikeVariance < slabVariance)) {
            throw new IllegalArgumentException("spike variance s0^2 must be in [0, s1^2 = " + slabVariance
                    + "), got " + spikeVariance);
        }
        this.spikeVariance = spikeVariance;
        this.slabVariance = slabVariance;
    }

    public double spikeVariance() {
        return spikeVariance;
    }

    public double slabVariance() {
        return slabVariance;
    }

    /** Whether the spike is a point mass at zero. */
    public boolean pointMassSpike() {
        return spikeVariance == 0;
    }

    /** Density of {@code w} given the gate; for a point-mass spike only {@code gateOn = true} has a density. */
    public double density(double w, boolean gateOn) {
        double v = gateOn ? slabVariance : spikeVariance;
        if (v == 0) {
            throw new IllegalArgumentException("the point-mass spike has no density");
        }
        return Math.exp(-w * w / (2 * v)) / Math.sqrt(2 * Math.PI * v);
    }

    /**
     * The expected weight KL of one unit, {@code E_q(z)[KL(q(w) || p(w | z))]} as above.
     *
     * @param means     posterior means of the unit's weights
     * @param variances posterior variances, same length, all positive
     * @param theta     gate probability in [0, 1]
     */
    public double expectedKl(double[] means, double[] variances, double theta) {
        if (means.length != variances.length) {
            throw new IllegalArgumentException(means.length + " means but " + variances.length + " variances");
        }
        if (!(theta >= 0 && theta <= 1)) {
            throw new IllegalArgumentException("gate probability theta must be in [0, 1], got " + theta);
        }
        double sumLogVariance = 0;
        double sumSecondMoment = 0;
        for (int i = 0; i < means.length; i++) {
            if (!Double.isFinite(means[i])) {
                throw new IllegalArgumentException("posterior mean must be finite, got " + means[i]);
            }
            GaussianKlDivergence.requirePositive("posterior variance", variances[i]);
            sumLogVariance += Math.log(variances[i]);
            sumSecondMoment += variances[i] + means[i] * means[i];
        }
        ArrayArithmetic e = ArrayArithmetic.INSTANCE;
        GatedUnitKl.WeightSums<double[]> sums = new GatedUnitKl.WeightSums<>(ArrayArithmetic.scalar(sumLogVariance),
                ArrayArithmetic.scalar(sumSecondMoment), means.length);
        return new GatedUnitKl(BernoulliGatePrior.INSTANCE, pointMassSpike())
                .weightTerms(e, ArrayArithmetic.scalar(theta), sums, ArrayArithmetic.scalar(slabVariance),
                        ArrayArithmetic.scalar(spikeVariance)).total(e)[0];
    }
}
