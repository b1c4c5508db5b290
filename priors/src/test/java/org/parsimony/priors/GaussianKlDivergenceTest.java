package org.parsimony.priors;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GaussianKlDivergenceTest {

    /** {@code int q(w) log(q(w)/p(w)) dw} by Gauss-Legendre quadrature over mu +- 12 sigma. */
    static double numericalKl(double mu, double variance, double priorVariance) {
        double sigma = Math.sqrt(variance);
        UnivariateFunction integrand = w -> {
            double logQ = -0.5 * Math.log(2 * Math.PI * variance) - (w - mu) * (w - mu) / (2 * variance);
            double logP = -0.5 * Math.log(2 * Math.PI * priorVariance) - w * w / (2 * priorVariance);
            return Math.exp(logQ) * (logQ - logP);
        };
        return new IterativeLegendreGaussIntegrator(32, 1e-12, 1e-12)
                .integrate(1_000_000, integrand, mu - 12 * sigma, mu + 12 * sigma);
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 1", "0.5, 0.01, 1", "-2, 0.3, 0.5", "0.01, 1e-4, 2.5e-3", "3, 2, 0.1"})
    void closedFormMatchesNumericalIntegration(double mu, double variance, double priorVariance) {
        double expected = numericalKl(mu, variance, priorVariance);
        assertEquals(expected, GaussianKlDivergence.of(mu, variance, priorVariance), 1e-7 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void vanishesWhenPosteriorEqualsPrior() {
        assertEquals(0.0, GaussianKlDivergence.of(0, 0.7, 0.7), 1e-15);
    }

    @Test
    void rejectsNonPositiveVariancesAndNonFiniteMeans() {
        assertThrows(IllegalArgumentException.class, () -> GaussianKlDivergence.of(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> GaussianKlDivergence.of(0, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> GaussianKlDivergence.of(Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GaussianKlDivergence.of(0, Double.POSITIVE_INFINITY, 1));
    }
}
