package org.parsimony.priors;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GaussianScaleMixturePriorTest {

    @ParameterizedTest
    @CsvSource({"0.01, 1, 0.3", "1e-4, 0.05, 0.9", "0.2, 0.5, 0.0", "0.2, 0.5, 1.0"})
    void expectedKlMatchesNumericalIntegrationOverBothGateStates(double s0, double s1, double theta) {
        GaussianScaleMixturePrior prior = new GaussianScaleMixturePrior(s0, s1);
        double[] means = {0.1, -0.3, 0.02};
        double[] variances = {0.01, 0.002, 0.05};
        double expected = 0;
        for (int i = 0; i < means.length; i++) {
            expected += theta * GaussianKlDivergenceTest.numericalKl(means[i], variances[i], s1)
                    + (1 - theta) * GaussianKlDivergenceTest.numericalKl(means[i], variances[i], s0);
        }
        assertEquals(expected, prior.expectedKl(means, variances, theta), 1e-6 * Math.max(1, expected));
    }

    @Test
    void pointMassSpikeAddsNoKlForOffUnits() {
        GaussianScaleMixturePrior prior = new GaussianScaleMixturePrior(0, 0.5);
        double[] means = {0.3, -0.1};
        double[] variances = {0.01, 0.02};
        double slab = GaussianKlDivergence.of(0.3, 0.01, 0.5) + GaussianKlDivergence.of(-0.1, 0.02, 0.5);
        assertEquals(0.4 * slab, prior.expectedKl(means, variances, 0.4), 1e-12);
        assertEquals(0.0, prior.expectedKl(means, variances, 0.0), 0.0);
    }

    @Test
    void marginalMixtureDensityIntegratesToOne() {
        GaussianScaleMixturePrior prior = new GaussianScaleMixturePrior(0.01, 1.0);
        double lambda = 0.3;
        double mass = new IterativeLegendreGaussIntegrator(32, 1e-12, 1e-12).integrate(1_000_000,
                w -> lambda * prior.density(w, true) + (1 - lambda) * prior.density(w, false), -12, 12);
        assertEquals(1.0, mass, 1e-9);
    }

    @Test
    void rejectsInvalidScalesAndArguments() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianScaleMixturePrior(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new GaussianScaleMixturePrior(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new GaussianScaleMixturePrior(0, 0));
        GaussianScaleMixturePrior prior = new GaussianScaleMixturePrior(0, 1);
        assertThrows(IllegalArgumentException.class, () -> prior.expectedKl(new double[2], new double[] {1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> prior.expectedKl(new double[] {0}, new double[] {1}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> prior.density(0, false));
    }
}
