package org.parsimony.priors;

/**
 * Hyper-prior {@code s1^2 ~ InvGamma(alpha, beta)} on the slab variance of the Gaussian scale mixture, and
 * the closed-form update of {@code v = s1^2} that maximises the expected log joint plus the log hyper-prior
 * {@code sum_j theta_j sum_i [-log(v)/2 - E_q[w_ij^2] / (2v)] - (alpha + 1) log v - beta / v}:
 * setting the derivative to zero gives
 * {@code v* = (sum_j theta_j m_j + 2 beta) / (sum_j theta_j n_j + 2 alpha + 2)} with
 * {@code m_j = sum_i (mu_ij^2 + sigma_ij^2)}.
 * Source: Guenter &amp; Sideris, "Robust Learning of Parsimonious Deep Neural Networks" (arXiv 2205.04650), the
 * hyper-prior on the prior parameters; the stationary point is derived here.
 */
public final class InverseGammaSlabHyperPrior {
    private final double shape;
    private final double scale;

    /** @throws IllegalArgumentException unless {@code alpha > 0} and {@code beta > 0} */
    public InverseGammaSlabHyperPrior(double shape, double scale) {
        GaussianKlDivergence.requirePositive("inverse-gamma shape alpha", shape);
        GaussianKlDivergence.requirePositive("inverse-gamma scale beta", scale);
        this.shape = shape;
        this.scale = scale;
    }

    public double shape() {
        return shape;
    }

    public double scale() {
        return scale;
    }

    /** Log density of {@code InvGamma(alpha, beta)} at {@code v > 0}. */
    public double logDensity(double v) {
        GaussianKlDivergence.requirePositive("variance", v);
        return shape * Math.log(scale) - org.apache.commons.math3.special.Gamma.logGamma(shape)
                - (shape + 1) * Math.log(v) - scale / v;
    }

    /** The MAP slab variance given the layer's gates and weight posteriors. */
    public double update(GatedLayerMoments layer) {
        return (layer.expectedSlabSecondMoment() + 2 * scale) / (layer.expectedSlabWeights() + 2 * shape + 2);
    }
}
