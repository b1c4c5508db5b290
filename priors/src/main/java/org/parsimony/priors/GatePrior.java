package org.parsimony.priors;

/**
 * The gate part of a unit's prior and its term of the KL: the gate posterior is {@code q(z_j) = Bernoulli(theta_j)},
 * the prior {@code p(z_j) = Bernoulli(lambda)}, and an implementation fixes the term the ELBO charges for it and its
 * derivative in {@code theta_j}, written once over {@link Elementwise} so that the SameDiff graph, the hand-written
 * ELBO and the bounds evaluate the same expression. A new gate prior is one implementation plus the setting that
 * selects it ({@code PriorSettings#withGatePrior} in the trainer).
 *
 * <p>{@code thetaInLogs} is {@code theta} as the logarithms see it: clipped into {@code (0, 1)} by the ELBO, so that a
 * decided gate stays finite, or {@code theta} itself where {@code 0 log 0 = 0} applies ({@link Elementwise#xLogRatio}).
 */
public interface GatePrior {
    /**
     * The gate term of each unit's KL.
     *
     * @param theta       gate probabilities in [0, 1]
     * @param thetaInLogs {@code theta} inside the logarithms (see the class comment)
     * @param inclusion   {@code lambda} in (0, 1)
     */
    <T> T kl(Elementwise<T> e, T theta, T thetaInLogs, T inclusion);

    /**
     * The derivative of {@link #kl} in {@code theta}, where {@code thetaInLogs = clip(theta)} moves with {@code theta}
     * at the rate {@code clipSlope} (1 inside the clip's range, 0 where it clips).
     */
    <T> T klDerivative(Elementwise<T> e, T theta, T thetaInLogs, T inclusion, T clipSlope);
}
