package org.parsimony.priors;

/**
 * The posterior summaries of one gated layer that the prior-parameter updates need, per unit {@code j}:
 * the gate probability {@code theta_j}, the number of weights {@code n_j}, and the posterior second moment
 * of its weights {@code m_j = sum_i (mu_ij^2 + sigma_ij^2) = E_q[sum_i w_ij^2]}.
 *
 * @param theta         gate probabilities, each in [0, 1]
 * @param weightCounts  {@code n_j >= 1}
 * @param secondMoments {@code m_j >= 0}
 */
public record GatedLayerMoments(double[] theta, int[] weightCounts, double[] secondMoments) {

    /** @throws IllegalArgumentException on unequal lengths or out-of-range entries */
    public GatedLayerMoments {
        if (theta.length != weightCounts.length || theta.length != secondMoments.length || theta.length == 0) {
            throw new IllegalArgumentException("need the same positive number of gates, counts and moments, got "
                    + theta.length + ", " + weightCounts.length + ", " + secondMoments.length);
        }
        for (int j = 0; j < theta.length; j++) {
            if (!(theta[j] >= 0 && theta[j] <= 1)) {
                throw new IllegalArgumentException("theta[" + j + "] = " + theta[j] + " is not in [0, 1]");
            }
            if (weightCounts[j] < 1) {
                throw new IllegalArgumentException("weightCounts[" + j + "] = " + weightCounts[j] + " must be >= 1");
            }
            if (!(secondMoments[j] >= 0) || !Double.isFinite(secondMoments[j])) {
                throw new IllegalArgumentException("secondMoments[" + j + "] = " + secondMoments[j] + " must be finite and >= 0");
            }
        }
        theta = theta.clone();
        weightCounts = weightCounts.clone();
        secondMoments = secondMoments.clone();
    }

    /** Number of units {@code J}. */
    public int units() {
        return theta.length;
    }

    /** {@code sum_j theta_j}: the expected number of open units. */
    public double expectedOpenUnits() {
        double s = 0;
        for (double t : theta) {
            s += t;
        }
        return s;
    }

    /** {@code sum_j theta_j n_j}: the expected number of weights under the slab. */
    public double expectedSlabWeights() {
        double s = 0;
        for (int j = 0; j < theta.length; j++) {
            s += theta[j] * weightCounts[j];
        }
        return s;
    }

    /** {@code sum_j theta_j m_j}: the expected sum of squared weights under the slab. */
    public double expectedSlabSecondMoment() {
        double s = 0;
        for (int j = 0; j < theta.length; j++) {
            s += theta[j] * secondMoments[j];
        }
        return s;
    }
}
