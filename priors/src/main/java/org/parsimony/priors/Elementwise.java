package org.parsimony.priors;

/**
 * Element-wise arithmetic on values of type {@code T}, over which the KL terms of the priors are written once
 * ({@link GaussianKlDivergence}, {@link GatePrior}, {@link GatedUnitKl}) and evaluated by each consumer in its own
 * representation: plain {@code double[]} vectors ({@link ArrayArithmetic}: the hand-written ELBO, the confidence bound),
 * or nodes of an autodiff graph (the SameDiff ELBO, which differentiates them itself). Each operation is one IEEE
 * operation per element, so an expression gives the same numbers in every implementation of the same precision.
 *
 * @param <T> a value: an array, a graph variable, ...
 */
public interface Elementwise<T> {
    /** {@code a + b}. */
    T add(T a, T b);

    /** {@code a - b}. */
    T subtract(T a, T b);

    /** {@code a b}. */
    T multiply(T a, T b);

    /** {@code a / b}. */
    T divide(T a, T b);

    /** {@code a c} for a constant {@code c}. */
    T times(T a, double c);

    /** {@code a - c} for a constant {@code c}. */
    T minus(T a, double c);

    /** {@code 1 - a}. */
    T oneMinus(T a);

    /** {@code -a}. */
    T negate(T a);

    /** The natural logarithm. */
    T log(T a);

    /** The constant {@code c} (broadcast against any value). */
    T constant(double c);

    /**
     * {@code x log(u / v)}, and 0 where {@code x = 0} ({@code 0 log 0 = 0}) in implementations that can branch; a graph
     * may compute {@code x log(u / v)} throughout, so callers keep {@code u > 0} where {@code x = 0} (by clipping).
     */
    T xLogRatio(T x, T u, T v);
}
