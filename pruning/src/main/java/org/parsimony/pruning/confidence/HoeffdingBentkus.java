package org.parsimony.pruning.confidence;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.parsimony.priors.BernoulliGatePrior;

import java.util.OptionalInt;

/**
 * The Hoeffding-Bentkus p-value for the null hypothesis {@code H: R > alpha} that the expected loss
 * {@code R} of i.i.d. losses in [0, 1] exceeds {@code alpha}, given their mean {@code Rhat} over {@code n}
 * examples:
 * <pre>
 *   p = min( exp(-n h(min(Rhat, alpha), alpha)),  e * P(Binomial(n, alpha) &lt;= ceil(n Rhat)) ),
 *   h(a, b) = a log(a / b) + (1 - a) log((1 - a) / (1 - b))    (0 log 0 = 0).
 * </pre>
 * The first term is Hoeffding's inequality in its relative-entropy form (Hoeffding, JASA 1963, Thm. 1), the
 * second Bentkus's inequality (Bentkus, "On Hoeffding's inequalities", Ann. Probab. 2004); both bound
 * {@code P(Rhat <= t)} under {@code R > alpha}, so {@code p} is super-uniform under the null. Source of the
 * combined form: Bates, Angelopoulos, Lei, Malik &amp; Jordan, "Distribution-Free, Risk-Controlling Prediction
 * Sets", JACM 2021 (arXiv 2101.02703), Sec. 3.1; used as the p-value of Learn-then-Test (Angelopoulos, Bates,
 * Candes, Jordan &amp; Lei, arXiv 2110.01052) and of confident pruning (Alvarez, arXiv 2408.04759).
 *
 * <p>{@code ceil(n Rhat)} is taken with a guard of a few ulps, so that {@code Rhat = k / n} computed in
 * floating point maps to {@code k}. The binomial CDF is Commons Math's {@link BinomialDistribution}.
 */
public final class HoeffdingBentkus {
    private HoeffdingBentkus() {
    }

    /**
     * The p-value {@code p} of the class comment, in [0, 1], non-decreasing in {@code Rhat}.
     *
     * @param empiricalRisk {@code Rhat} in [0, 1]
     * @param n             number of examples, {@code >= 1}
     * @param alpha         risk level in (0, 1)
     * @throws IllegalArgumentException for an argument out of range
     */
    public static double pValue(double empiricalRisk, int n, double alpha) {
        if (!(empiricalRisk >= 0 && empiricalRisk <= 1)) {
            throw new IllegalArgumentException("empirical risk must be in [0, 1], got " + empiricalRisk);
        }
        if (n < 1) {
            throw new IllegalArgumentException("need at least one calibration example, got n = " + n);
        }
        requireLevel(alpha);
        double hoeffding = Math.exp(-n * relativeEntropy(Math.min(empiricalRisk, alpha), alpha));
        double scaled = n * empiricalRisk;
        int k = (int) Math.min(n, Math.ceil(scaled - 8 * Math.ulp(Math.max(scaled, 1.0))));
        double bentkus = Math.E * new BinomialDistribution((RandomGenerator) null, n, alpha).cumulativeProbability(k);
        return Math.min(hoeffding, bentkus);
    }

    /**
     * The smallest number of calibration examples at which an empirical risk of {@code empiricalRisk} would be certified
     * at level {@code alpha} with probability {@code 1 - delta} ({@link #pValue} {@code <= delta}), for telling a user
     * how much calibration data a ratio needs; empty if no number would (an empirical risk {@code >= alpha}) or it
     * exceeds {@code 100,000,000}. Searched by bisection on {@code n}, along which the bound decreases.
     *
     * @throws IllegalArgumentException for an argument out of range
     */
    public static OptionalInt calibrationSizeFor(double empiricalRisk, double alpha, double delta) {
        requireLevel(alpha);
        requireLevel(delta);
        if (!(empiricalRisk >= 0 && empiricalRisk <= 1)) {
            throw new IllegalArgumentException("empirical risk must be in [0, 1], got " + empiricalRisk);
        }
        int limit = 100_000_000;
        if (empiricalRisk >= alpha || pValue(empiricalRisk, limit, alpha) > delta) {
            return OptionalInt.empty();
        }
        int low = 1;
        int high = limit;
        while (low < high) {
            int mid = low + (high - low) / 2;
            if (pValue(empiricalRisk, mid, alpha) <= delta) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return OptionalInt.of(low);
    }

    /**
     * {@code h(a, b) = a log(a / b) + (1 - a) log((1 - a) / (1 - b))}, the relative entropy between
     * Bernoulli({@code a}) and Bernoulli({@code b}), with {@code 0 log 0 = 0}: the gate prior's KL
     * ({@link BernoulliGatePrior#klDivergence}).
     *
     * @param a in [0, 1]
     * @param b in (0, 1)
     * @throws IllegalArgumentException for an argument out of range
     */
    public static double relativeEntropy(double a, double b) {
        if (!(a >= 0 && a <= 1)) {
            throw new IllegalArgumentException("h(a, b) needs a in [0, 1], got " + a);
        }
        requireLevel(b);
        return BernoulliGatePrior.klDivergence(a, b);
    }

    private static void requireLevel(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("risk level alpha must be in (0, 1), got " + alpha);
        }
    }
}
