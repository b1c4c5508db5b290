package org.parsimony.variational.graph;

/**
 * How the gradient of the expected loss reaches the gate probabilities {@code theta_j} through the
 * Bernoulli gate samples {@code z_j ~ Bernoulli(theta_j)}.
 */
public enum GateEstimator {
    /**
     * Forward pass with the exact Bernoulli sample {@code b_j = 1{u_j < theta_j}}; backward pass with
     * {@code dz_j / dtheta_j = 1} ({@code z = theta + stopgrad(b - theta)}). Since the expected loss is linear in each
     * {@code theta_j}, its exact derivative is {@code E[L | z_j = 1] - E[L | z_j = 0]}; {@code dL/dz_j} is the
     * first-order estimate of that difference (Bengio, Leonard &amp; Courville 2013). The default.
     */
    STRAIGHT_THROUGH,
    /**
     * Binary-concrete relaxation {@code z = sigmoid((logit theta + logit u) / tau)} with the temperature annealed
     * towards 0 (Maddison et al. 2017; Jang et al. 2017).
     */
    RELAXED
}
