package org.parsimony.priors;

/**
 * The flattened gate term: the cross-entropy {@code -theta log lambda - (1 - theta) log(1 - lambda)} instead of
 * {@code KL(Bernoulli(theta) || Bernoulli(lambda))}. The gate posterior's entropy, which is what holds a gate inside
 * (0, 1), is dropped, so for fixed weights the objective is linear in each {@code theta_j} and its minimisers over
 * {@code [0, 1]} are deterministic (the flattening of Guenter &amp; Sideris, arXiv 2406.04549, sections 2-3). Its
 * derivative {@code log(1 - lambda) - log(lambda)} does not depend on {@code theta}.
 */
public final class FlattenedGatePrior implements GatePrior {
    /** The one instance (the class holds no state). */
    public static final FlattenedGatePrior INSTANCE = new FlattenedGatePrior();

    private FlattenedGatePrior() {
    }

    @Override
    public <T> T kl(Elementwise<T> e, T theta, T thetaInLogs, T inclusion) {
        return e.negate(e.add(e.multiply(theta, e.log(inclusion)),
                e.multiply(e.oneMinus(theta), e.log(e.oneMinus(inclusion)))));
    }

    @Override
    public <T> T klDerivative(Elementwise<T> e, T theta, T thetaInLogs, T inclusion, T clipSlope) {
        return e.subtract(e.log(e.oneMinus(inclusion)), e.log(inclusion));
    }

    @Override
    public String toString() {
        return "flattened (cross-entropy)";
    }
}
