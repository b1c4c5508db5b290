package org.parsimony.pruning.policy;

/**
 * The cumulative ratios of an iterative schedule that reaches a final ratio {@code R} in {@code T} rounds, pruning
 * the same fraction of what remains in each round: {@code r_t = 1 - (1 - R)^(t/T)}, with {@code r_T = R} exactly
 * (Han et al. 2015's prune-retrain-repeat with a geometric schedule). Shared by the unit and weight schedules.
 */
public final class RoundRatios {
    private RoundRatios() {
    }

    /** {@code r_1, ..., r_T}. @throws IllegalArgumentException if {@code rounds < 1} or {@code R} is outside [0, 1] */
    public static double[] cumulative(double finalRatio, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("need at least one round, got " + rounds);
        }
        if (!(finalRatio >= 0 && finalRatio <= 1)) {
            throw new IllegalArgumentException("pruning ratio must be in [0, 1], got " + finalRatio);
        }
        double[] ratios = new double[rounds];
        for (int t = 1; t <= rounds; t++) {
            ratios[t - 1] = t == rounds ? finalRatio : 1 - Math.pow(1 - finalRatio, (double) t / rounds);
        }
        return ratios;
    }

    /** @throws IllegalArgumentException unless the pseudo-bootstrap window is 0 (off) or at least 2 */
    static int checkWindow(int window) {
        if (window < 0 || window == 1) {
            throw new IllegalArgumentException("pseudo-bootstrap window must be 0 (off) or >= 2, got " + window);
        }
        return window;
    }
}
