package org.parsimony.pruning.criteria.sipp;

/**
 * The error bounds SiPP compares and allocates with, for one group of weights (the positive or the negative
 * incoming weights of one unit) with total sensitivity {@code S = sum_j s_j}. Constants as in the reference
 * implementation (torchprune's {@code SiPPRandAllocator} and {@code SiPPAllocator}) for dense layers.
 *
 * <p><b>Sampling.</b> Importance sampling {@code m} weights with {@code p_j = s_j / S} approximates the unit's
 * pre-activation (of that sign) with relative error at most {@code eps(m)} with probability
 * {@code >= 1 - delta}, where {@code eps} solves the Bernstein sample complexity
 * {@code m = (6 + 2 eps') c / eps'^2}, {@code eps = eps' / 2}:
 * <pre>  eps_rand(m) = ( c/m + sqrt( (c/m)^2 + 6 c/m ) ) / 2,   c = 2 C log(8 eta / delta) S / 3,</pre>
 * with {@code eta = 2} for a dense layer (torchprune: number of patches + 1, times the kernel size).
 *
 * <p><b>Deterministic.</b> Keeping the {@code m} most sensitive weights of the group drops at most the
 * sensitivity mass not kept: {@code eps_det(m) = C sum_{j not in top m} s_j}.
 *
 * <p>Defaults {@code delta = 1e-16}, {@code C = 3} are torchprune's ({@code BaseSensNet}).
 */
final class SamplingErrorBound {
    private final double logTerm;
    private final double constant;

    /**
     * @param failureProbability {@code delta} in (0, 1)
     * @param constant           {@code C > 0}
     */
    SamplingErrorBound(double failureProbability, double constant) {
        this.logTerm = Math.log(8.0 * 2.0 / failureProbability);
        this.constant = constant;
    }

    /** {@code c} of a group with total sensitivity {@code S}. */
    double coefficient(double totalSensitivity) {
        return 2.0 * constant * logTerm * totalSensitivity / 3.0;
    }

    /** {@code eps_rand(m)} for coefficient {@code c}; {@code +inf} for {@code m <= 0}. */
    static double sampling(double c, double m) {
        if (m <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double u = c / m;
        return 0.5 * (u + Math.sqrt(u * u + 6 * u));
    }

    /** {@code eps_det} given the sensitivity mass not kept. */
    double deterministic(double droppedSensitivity) {
        return constant * Math.max(0, droppedSensitivity);
    }

    /**
     * {@code -d eps_rand / dm} at {@code m = c / u}, times {@code c}: {@code psi(u) = (u^2 / 2) (1 + (u + 3) / sqrt(u^2 + 6u))},
     * increasing in {@code u} (so the marginal gain of a sample falls as {@code m} grows).
     */
    static double marginalGain(double u) {
        return 0.5 * u * u * (1 + (u + 3) / Math.sqrt(u * u + 6 * u));
    }

    /**
     * Optimal real-valued sample sizes: minimise {@code sum_f weight_f eps_rand(m_f; c_f)} subject to
     * {@code sum_f m_f <= budget} and {@code 0 <= m_f <= upper_f} (torchprune solves the same convex program
     * with cvxpy). By the KKT conditions {@code weight_f psi(c_f / m_f) / c_f = lambda} for every group below
     * its upper bound; {@code lambda} is found by bisection on {@code log lambda}, each {@code m_f(lambda)} by
     * bisection on {@code log u}. Returns the upper bounds when they fit the budget.
     *
     * @param c      {@code c_f > 0} per group
     * @param weight objective weight per group (torchprune: 1 / units of the group's layer)
     * @param upper  upper bound per group
     */
    static double[] allocate(double[] c, double[] weight, double[] upper, double budget) {
        double total = 0;
        for (double u : upper) {
            total += u;
        }
        if (total <= budget) {
            return upper.clone();
        }
        double[] m = new double[c.length];
        if (budget <= 0) {
            return m;
        }
        double logLo = 0;
        double logHi = 0;
        // bracket: sum m(lambda_lo) > budget >= sum m(lambda_hi)
        while (sum(sizes(c, weight, upper, Math.exp(logHi), m)) > budget) {
            logHi += 4;
        }
        while (sum(sizes(c, weight, upper, Math.exp(logLo), m)) <= budget && logLo > -700) {
            logLo -= 4;
        }
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (logLo + logHi);
            if (sum(sizes(c, weight, upper, Math.exp(mid), m)) > budget) {
                logLo = mid;
            } else {
                logHi = mid;
            }
        }
        return sizes(c, weight, upper, Math.exp(logHi), new double[c.length]);
    }

    private static double[] sizes(double[] c, double[] weight, double[] upper, double lambda, double[] out) {
        for (int f = 0; f < c.length; f++) {
            double target = lambda * c[f] / weight[f];
            double u = solveGain(target);
            out[f] = Math.min(upper[f], c[f] / u);
        }
        return out;
    }

    /** The {@code u > 0} with {@code psi(u) = target}. */
    private static double solveGain(double target) {
        if (!(target > 0)) {
            return 0;
        }
        if (Double.isInfinite(target)) {
            return Double.POSITIVE_INFINITY;
        }
        double lo = -1;
        double hi = 1;
        while (marginalGain(Math.exp(lo)) > target && lo > -745) {
            lo -= 8;
        }
        while (marginalGain(Math.exp(hi)) < target && hi < 709) {
            hi += 8;
        }
        for (int it = 0; it < 50; it++) {
            double mid = 0.5 * (lo + hi);
            if (marginalGain(Math.exp(mid)) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
