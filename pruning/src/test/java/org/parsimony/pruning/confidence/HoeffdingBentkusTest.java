package org.parsimony.pruning.confidence;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoeffdingBentkusTest {

    /** The formula written out directly: Hoeffding term with h, Bentkus term with Commons Math's binomial CDF. */
    private static double direct(int k, int n, double alpha) {
        double r = (double) k / n;
        double a = Math.min(r, alpha);
        double h = (a == 0 ? 0 : a * Math.log(a / alpha)) + (1 - a) * Math.log((1 - a) / (1 - alpha));
        double binomial = new BinomialDistribution((RandomGenerator) null, n, alpha).cumulativeProbability(k);
        return Math.min(Math.exp(-n * h), Math.E * binomial);
    }

    @Test
    void matchesTheFormulaComputedDirectlyWithCommonsMath() {
        int[][] nk = {{10, 0}, {100, 5}, {200, 4}, {500, 35}, {40, 12}, {1000, 85}, {60, 3}};
        double[] alphas = {0.5, 0.1, 0.05, 0.1, 0.25, 0.1, 0.2};
        for (int t = 0; t < nk.length; t++) {
            int n = nk[t][0];
            int k = nk[t][1];
            double expected = direct(k, n, alphas[t]);
            assertEquals(expected, HoeffdingBentkus.pValue((double) k / n, n, alphas[t]), 1e-12 * Math.max(1, expected),
                    "n=" + n + " k=" + k);
        }
    }

    @Test
    void matchesReferenceValuesFromScipy() {
        // scipy 1.17: min(exp(-n h(min(r, a), a)), e * binom.cdf(ceil(n r), n, a))
        assertEquals(0.0009765625, HoeffdingBentkus.pValue(0.0, 10, 0.5), 1e-15); // Hoeffding: 2^-10
        assertEquals(0.15651020427695356, HoeffdingBentkus.pValue(0.05, 100, 0.1), 1e-12); // Bentkus wins
        assertEquals(0.071889855885681073, HoeffdingBentkus.pValue(0.02, 200, 0.05), 1e-12);
        assertEquals(0.033487843343263816, HoeffdingBentkus.pValue(0.07, 500, 0.1), 1e-12);
        assertEquals(0.0051537752073200997, HoeffdingBentkus.pValue(0.0, 50, 0.1), 1e-14); // 0.9^50
        assertEquals(0.16498266476837536, HoeffdingBentkus.pValue(0.085, 1000, 0.1), 1e-12);
        assertEquals(1.0, HoeffdingBentkus.pValue(0.3, 40, 0.25), 0); // above alpha: no evidence
    }

    @Test
    void relativeEntropyIsTheBernoulliDivergence() {
        assertEquals(0.0, HoeffdingBentkus.relativeEntropy(0.3, 0.3), 1e-15);
        assertEquals(-Math.log(0.9), HoeffdingBentkus.relativeEntropy(0, 0.1), 1e-15);
        assertEquals(-Math.log(0.1), HoeffdingBentkus.relativeEntropy(1, 0.1), 1e-15);
        assertEquals(0.05 * Math.log(0.5) + 0.95 * Math.log(0.95 / 0.9), HoeffdingBentkus.relativeEntropy(0.05, 0.1), 1e-15);
    }

    @Test
    void pValueIsNonDecreasingInTheEmpiricalRisk() {
        for (int n : new int[] {1, 7, 50, 333, 2000}) {
            for (double alpha : new double[] {0.01, 0.1, 0.37}) {
                double previous = -1;
                for (int i = 0; i <= 4000; i++) {
                    double r = i / 4000.0;
                    double p = HoeffdingBentkus.pValue(r, n, alpha);
                    assertTrue(p >= 0 && p <= 1, "p = " + p);
                    assertTrue(p >= previous, "p fell from " + previous + " to " + p + " at Rhat=" + r + " n=" + n
                            + " alpha=" + alpha);
                    previous = p;
                }
                assertEquals(1.0, HoeffdingBentkus.pValue(alpha, n, alpha), 0);
            }
        }
    }

    @Test
    void ceilingMapsRiskKOverNToK() {
        // (7 / 25) * 25 and 0.07 * 100 are 7.000000000000001 in floating point; the p-value must use k = 7, not 8
        assertEquals(direct(7, 25, 0.6), HoeffdingBentkus.pValue(7.0 / 25, 25, 0.6), 1e-15);
        assertEquals(direct(7, 100, 0.3), HoeffdingBentkus.pValue(0.07, 100, 0.3), 1e-15);
        assertTrue(direct(7, 100, 0.3) < direct(8, 100, 0.3)); // so using 8 would be detected
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HoeffdingBentkus.pValue(0.1, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> HoeffdingBentkus.pValue(-0.1, 10, 0.1));
        assertThrows(IllegalArgumentException.class, () -> HoeffdingBentkus.pValue(1.1, 10, 0.1));
        assertThrows(IllegalArgumentException.class, () -> HoeffdingBentkus.pValue(Double.NaN, 10, 0.1));
        assertThrows(IllegalArgumentException.class, () -> HoeffdingBentkus.pValue(0.1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> HoeffdingBentkus.pValue(0.1, 10, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HoeffdingBentkus.relativeEntropy(0.1, 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }

    /**
     * The exact probability that the test certifies a ratio whose true risk is alpha (the boundary of H0, where
     * rejecting is most likely among the risks it must not certify), summed over the binomial distribution of the
     * number of failing calibration examples: it must be at most delta at every calibration size. The same sum for
     * the naive rule "certify when Rhat <= alpha" and for an asymptotic z-test exceeds delta, so the check can fail.
     */
    @Test
    void theExactProbabilityOfCertifyingARiskAtAlphaIsAtMostDelta() {
        double alpha = 0.1;
        double delta = 0.1;
        double worstNaive = 0;
        double worstZ = 0;
        for (int n : new int[] {20, 50, 100, 200, 500, 1000, 1500, 3000}) {
            BinomialDistribution failures = new BinomialDistribution((RandomGenerator) null, n, alpha);
            double certify = 0;
            double naive = 0;
            double z = 0;
            org.apache.commons.math3.distribution.NormalDistribution normal =
                    new org.apache.commons.math3.distribution.NormalDistribution((RandomGenerator) null, 0, 1);
            for (int j = 0; j <= n; j++) {
                double risk = (double) j / n;
                double probability = failures.probability(j);
                certify += HoeffdingBentkus.pValue(risk, n, alpha) <= delta ? probability : 0;
                naive += risk <= alpha ? probability : 0;
                z += normal.cumulativeProbability((risk - alpha) / Math.sqrt(alpha * (1 - alpha) / n)) <= delta ? probability : 0;
            }
            assertTrue(certify <= delta, "n = " + n + ": certifies a risk of alpha with probability " + certify);
            worstNaive = Math.max(worstNaive, naive);
            worstZ = Math.max(worstZ, z);
        }
        assertTrue(worstNaive > 0.5, "the naive rule certifies a risk of alpha with probability " + worstNaive);
        assertTrue(worstZ > delta, "the z-test certifies a risk of alpha with probability " + worstZ);
    }
}
