package org.parsimony.priors;

/**
 * The positive rescaling of one ReLU unit that minimises the weight KL of a Gaussian posterior under a
 * Gaussian (scale-mixture) prior, with the network's function unchanged.
 *
 * <p>Multiplying a hidden unit's incoming weights and bias by {@code c > 0} and its outgoing weights by {@code 1/c}
 * leaves a ReLU network's function unchanged, since {@code relu(c x) = c relu(x)} (Neyshabur, Salakhutdinov &amp;
 * Srebro 2015, <i>Path-SGD</i>); scaling a weight posterior {@code N(mu, sigma^2)} to {@code N(c mu, c^2 sigma^2)}
 * scales a locally reparameterised pre-activation sample by {@code c} too, so the expected log-likelihood of a
 * variational net is unchanged. Gradient training cannot find this direction: it conserves the differences of the
 * layers' squared norms (Du, Hu &amp; Lee 2018, <i>Algorithmic regularization in learning deep homogeneous models</i>),
 * so the initial weight scale stays imprinted on how the KL is shared between layers, and hence on which units
 * pay for themselves. The KL is not invariant: with the per-unit prior weights {@code a_k} (precision on
 * {@code mu^2 + sigma^2}) and {@code w_k} (weight of {@code -log sigma^2 / 2}) of {@link GatedUnitKl}, a weight of unit
 * {@code k} contributes {@code -w_k log c + c^2 a_k (mu^2 + sigma^2) / 2} up to constants. Summed over the unit's
 * incoming weights ({@code C_in = sum w}, {@code A = sum a (mu^2 + sigma^2)}) and outgoing ones ({@code C_out},
 * {@code B}, scaled by {@code 1/c}):
 * <pre>
 *   f(c) = (C_out - C_in) log c + A c^2 / 2 + B / (2 c^2),
 * </pre>
 * convex in {@code log c}, minimal where {@code u = c^2} solves {@code A u^2 + (C_out - C_in) u - B = 0}:
 * {@code u* = (-(C_out - C_in) + sqrt((C_out - C_in)^2 + 4 A B)) / (2 A)}. Setting every unit to {@code c*} is an exact
 * coordinate step on the ELBO (the KL falls, the likelihood stays), the KL counterpart of Equi-normalization's
 * L2-minimising rescaling (Stock et al. 2019, <i>Equi-normalization of Neural Networks</i>); the closed form is derived
 * here.
 */
public final class KlMinimizingRescaling {
    private KlMinimizingRescaling() {
    }

    /**
     * The KL-minimising factor {@code c*} on a unit's incoming weights (its outgoing ones take {@code 1/c*}); 1 when
     * either side carries no KL ({@code A = 0} or {@code B = 0}: nothing to balance against).
     *
     * @param incomingCount  {@code C_in >= 0}
     * @param incomingMoment {@code A >= 0}
     * @param outgoingCount  {@code C_out >= 0}
     * @param outgoingMoment {@code B >= 0}
     * @throws IllegalArgumentException if a sum is negative or not finite
     */
    public static double optimalScale(double incomingCount, double incomingMoment, double outgoingCount,
                                      double outgoingMoment) {
        requireSum("incoming count", incomingCount);
        requireSum("incoming second moment", incomingMoment);
        requireSum("outgoing count", outgoingCount);
        requireSum("outgoing second moment", outgoingMoment);
        if (incomingMoment == 0 || outgoingMoment == 0) {
            return 1;
        }
        double d = outgoingCount - incomingCount;
        double root = Math.sqrt(d * d + 4 * incomingMoment * outgoingMoment);
        // the two algebraically equal forms of the positive root, each free of cancellation on its side of d = 0
        double u = d >= 0 ? 2 * outgoingMoment / (d + root) : (root - d) / (2 * incomingMoment);
        return Math.sqrt(u);
    }

    /** {@code f(c)} without its constant: the KL of the unit's weights as a function of the factor {@code c > 0}. */
    public static double klChange(double c, double incomingCount, double incomingMoment, double outgoingCount,
                                  double outgoingMoment) {
        return (outgoingCount - incomingCount) * Math.log(c) + incomingMoment * c * c / 2
                + outgoingMoment / (2 * c * c);
    }

    private static void requireSum(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }
}
