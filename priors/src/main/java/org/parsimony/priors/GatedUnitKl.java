package org.parsimony.priors;

import java.util.Objects;

/**
 * The KL divergence of a layer's units under a gate prior and the Gaussian scale mixture weight prior
 * ({@link GaussianScaleMixturePrior}), and its derivatives, written once over {@link Elementwise} for the SameDiff ELBO
 * (which differentiates the terms itself) and the hand-written one (which uses {@link #gatedDerivatives}).
 * For a gated unit {@code j} with {@code n} weights:
 * <pre>
 *   KL_j = gate_j + theta_j K_j(s1^2) + (1 - theta_j) K_j(s0^2),   K_j(v) = sum_i KL(N(mu_ij, sigma_ij^2) || N(0, v))
 * </pre>
 * ({@link GatePrior#kl} for {@code gate_j}, {@link GaussianKlDivergence#ofGroup} for {@code K_j}), the spike term absent
 * for a point-mass spike ({@code q(w | z=0) = p(w | z=0)}); an ungated unit (the output layer) has {@code K_j(s1^2)}.
 * Derivatives: {@code dKL_j/dtheta_j = gate_j' + K_j(s1^2) - K_j(s0^2)};
 * {@code dKL_j/dmu_ij = a_j mu_ij} and {@code dKL_j/dlog sigma_ij^2 = (a_j sigma_ij^2 - w_j) / 2} with
 * {@code a_j = theta_j / s1^2 + (1 - theta_j) / s0^2} and {@code w_j = theta_j + (1 - theta_j)} the weight of the
 * Gaussian terms ({@code 1 / s1^2} and 1 for an ungated unit, {@code theta_j / s1^2} and {@code theta_j} without a spike).
 * Source: Guenter &amp; Sideris, "Robust Learning of Parsimonious Deep Neural Networks" (arXiv 2205.04650).
 */
public final class GatedUnitKl {
    private final GatePrior gatePrior;
    private final boolean pointMassSpike;

    /**
     * @param gatePrior      the gate's term
     * @param pointMassSpike whether {@code p(w | z=0)} is a point mass at 0 (no spike term)
     */
    public GatedUnitKl(GatePrior gatePrior, boolean pointMassSpike) {
        this.gatePrior = Objects.requireNonNull(gatePrior, "gatePrior");
        this.pointMassSpike = pointMassSpike;
    }

    public GatePrior gatePrior() {
        return gatePrior;
    }

    public boolean pointMassSpike() {
        return pointMassSpike;
    }

    /**
     * Per unit, the sums of its {@code n} weights the Gaussian KL needs.
     *
     * @param sumLogVariance  {@code sum_i log sigma_ij^2}
     * @param sumSecondMoment {@code sum_i (sigma_ij^2 + mu_ij^2)}
     * @param n               weights per unit
     */
    public record WeightSums<T>(T sumLogVariance, T sumSecondMoment, long n) {
    }

    /**
     * The addends of the gated units' KL.
     *
     * @param gate          {@code gate_j} ({@code null} for the weight terms alone: {@link #weightTerms})
     * @param slab          {@code K_j(s1^2)}
     * @param spike         {@code K_j(s0^2)}, {@code null} for a point-mass spike
     * @param weightedSlab  {@code theta_j K_j(s1^2)}
     * @param weightedSpike {@code (1 - theta_j) K_j(s0^2)}, {@code null} for a point-mass spike
     */
    public record Terms<T>(T gate, T slab, T spike, T weightedSlab, T weightedSpike) {
        /** {@code KL_j = (gate_j + theta_j K_j(s1^2)) + (1 - theta_j) K_j(s0^2)}, added in this order. */
        public T total(Elementwise<T> e) {
            T kl = gate == null ? weightedSlab : e.add(gate, weightedSlab);
            return weightedSpike == null ? kl : e.add(kl, weightedSpike);
        }
    }

    /**
     * The derivatives of the KL of a unit.
     *
     * @param gate              {@code dKL_j / dtheta_j} ({@code null} for ungated units)
     * @param meanScale         {@code a_j}
     * @param logVarianceWeight {@code w_j}
     */
    public record Derivatives<T>(T gate, T meanScale, T logVarianceWeight) {
    }

    /** The KL terms of gated units with gate probabilities {@code theta} (see {@link GatePrior} for {@code thetaInLogs}). */
    public <T> Terms<T> gated(Elementwise<T> e, T theta, T thetaInLogs, WeightSums<T> weights, T inclusion,
                              T slabVariance, T spikeVariance) {
        T gate = gatePrior.kl(e, theta, thetaInLogs, inclusion);
        Terms<T> w = weightTerms(e, theta, weights, slabVariance, spikeVariance);
        return new Terms<>(gate, w.slab(), w.spike(), w.weightedSlab(), w.weightedSpike());
    }

    /**
     * The weight terms alone ({@link Terms#gate()} {@code null}): the expected weight KL
     * {@code E_q(z)[KL(q(w) || p(w | z))] = theta_j K_j(s1^2) + (1 - theta_j) K_j(s0^2)}.
     */
    public <T> Terms<T> weightTerms(Elementwise<T> e, T theta, WeightSums<T> weights, T slabVariance, T spikeVariance) {
        T slab = gaussian(e, weights, slabVariance);
        T spike = pointMassSpike ? null : gaussian(e, weights, spikeVariance);
        return new Terms<>(null, slab, spike, e.multiply(theta, slab),
                spike == null ? null : e.multiply(e.oneMinus(theta), spike));
    }

    /** The KL of ungated units, {@code K_j(s1^2)}. */
    public <T> T ungated(Elementwise<T> e, WeightSums<T> weights, T slabVariance) {
        return gaussian(e, weights, slabVariance);
    }

    /** The derivatives of the gated units' KL whose {@link #gated terms} are {@code terms}. */
    public <T> Derivatives<T> gatedDerivatives(Elementwise<T> e, Terms<T> terms, T theta, T thetaInLogs, T inclusion,
                                               T clipSlope, T slabVariance, T spikeVariance) {
        T gate = e.add(gatePrior.klDerivative(e, theta, thetaInLogs, inclusion, clipSlope), terms.slab());
        if (!pointMassSpike) {
            gate = e.subtract(gate, terms.spike());
        }
        Derivatives<T> weights = weightDerivatives(e, theta, slabVariance, spikeVariance);
        return new Derivatives<>(gate, weights.meanScale(), weights.logVarianceWeight());
    }

    /**
     * The weight parts {@code a_j} and {@code w_j} of the gated units' derivatives ({@link Derivatives#gate()}
     * {@code null}): they depend on the gate probabilities and the prior alone.
     */
    public <T> Derivatives<T> weightDerivatives(Elementwise<T> e, T theta, T slabVariance, T spikeVariance) {
        T meanScale = e.divide(theta, slabVariance);
        T weight = theta;
        if (!pointMassSpike) {
            meanScale = e.add(meanScale, e.divide(e.oneMinus(theta), spikeVariance));
            weight = e.add(weight, e.oneMinus(theta));
        }
        return new Derivatives<>(null, meanScale, weight);
    }

    /** The derivatives of the ungated units' KL. */
    public <T> Derivatives<T> ungatedDerivatives(Elementwise<T> e, T slabVariance) {
        return new Derivatives<>(null, e.divide(e.constant(1), slabVariance), e.constant(1));
    }

    private static <T> T gaussian(Elementwise<T> e, WeightSums<T> weights, T variance) {
        return GaussianKlDivergence.ofGroup(e, weights.sumLogVariance(), weights.sumSecondMoment(), weights.n(), variance);
    }

    @Override
    public String toString() {
        return gatePrior + (pointMassSpike ? ", point-mass spike" : ", Gaussian spike");
    }
}
