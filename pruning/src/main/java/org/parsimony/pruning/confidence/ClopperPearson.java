package org.parsimony.pruning.confidence;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The exact (Clopper-Pearson 1934) confidence interval of a binomial proportion: for {@code k} successes in {@code n}
 * trials at level {@code 1 - a}, {@code [B^-1(a/2; k, n-k+1), B^-1(1-a/2; k+1, n-k)]} with {@code B^-1} the Beta
 * quantile (the lower end 0 when {@code k = 0}, the upper 1 when {@code k = n}). It covers the true proportion with
 * probability at least {@code 1 - a} for every proportion, so an empirical coverage rate can be compared with
 * {@code 1 - delta} honestly.
 *
 * @param lower the lower end
 * @param upper the upper end
 */
public record ClopperPearson(double lower, double upper) {

    /**
     * The interval of {@code successes} out of {@code trials} at confidence {@code level}.
     *
     * @throws IllegalArgumentException if {@code trials < 1}, {@code successes} is outside [0, trials] or {@code level}
     *                                  is outside (0, 1)
     */
    public static ClopperPearson of(int successes, int trials, double level) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials >= 1, got " + successes + " of "
                    + trials);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        double a = 1 - level;
        double lower = successes == 0 ? 0
                : new BetaDistribution(null, successes, trials - successes + 1).inverseCumulativeProbability(a / 2);
        double upper = successes == trials ? 1
                : new BetaDistribution(null, successes + 1, trials - successes).inverseCumulativeProbability(1 - a / 2);
        return new ClopperPearson(lower, upper);
    }
}
