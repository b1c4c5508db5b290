package org.parsimony.priors;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The closed-form MAP updates of the prior parameters against a numerical maximisation of their objective. */
class HyperPriorUpdateTest {
    private static final GatedLayerMoments LAYER = new GatedLayerMoments(
            new double[] {0.95, 0.1, 0.6, 1.0, 0.0},
            new int[] {20, 20, 20, 20, 20},
            new double[] {0.8, 0.02, 0.3, 1.1, 0.5});

    private static double argMax(UnivariateFunction f, double lo, double hi) {
        return new BrentOptimizer(1e-12, 1e-14).optimize(new MaxEval(10_000), new UnivariateObjectiveFunction(f),
                GoalType.MAXIMIZE, new SearchInterval(lo, hi)).getPoint();
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 5", "1.5, 1", "10, 10"})
    void inclusionUpdateMaximisesExpectedLogJointPlusLogHyperPrior(double a, double b) {
        BetaInclusionHyperPrior hyper = new BetaInclusionHyperPrior(a, b);
        UnivariateFunction objective = lambda -> {
            double s = 0;
            for (double t : LAYER.theta()) {
                s += t * Math.log(lambda) + (1 - t) * Math.log(1 - lambda);
            }
            return s + hyper.logDensity(lambda);
        };
        assertEquals(argMax(objective, 1e-9, 1 - 1e-9), hyper.update(LAYER), 1e-6);
    }

    /** Expected log joint of all candidate gates (the missing ones closed) plus the log hyper-prior. */
    private static UnivariateFunction inclusionObjective(InclusionHyperPrior hyper, int candidates) {
        return lambda -> {
            double s = (candidates - LAYER.units()) * Math.log(1 - lambda);
            for (double t : LAYER.theta()) {
                s += t * Math.log(lambda) + (1 - t) * Math.log(1 - lambda);
            }
            return s + hyper.logDensity(lambda, candidates);
        };
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 5", "2, 5, 12", "1, 1, 300", "10, 10, 40"})
    void inclusionUpdateCountsRemovedUnitsAsClosedGates(double a, double b, int candidates) {
        BetaInclusionHyperPrior hyper = new BetaInclusionHyperPrior(a, b);
        assertEquals(argMax(inclusionObjective(hyper, candidates), 1e-9, 1 - 1e-9), hyper.update(LAYER, candidates), 1e-6);
    }

    @ParameterizedTest
    @CsvSource({"1, 5", "1, 12", "1, 600", "0.5, 40", "0, 7", "2, 9"})
    void sparsityAdaptiveUpdateMaximisesExpectedLogJointPlusLogHyperPrior(double exponent, int candidates) {
        SparsityAdaptiveInclusionHyperPrior hyper = new SparsityAdaptiveInclusionHyperPrior(exponent);
        assertEquals(argMax(inclusionObjective(hyper, candidates), 1e-9, 1 - 1e-9), hyper.update(LAYER, candidates), 1e-6);
    }

    @Test
    void sparsityAdaptiveHyperPriorIsBetaOneJToTheU() {
        SparsityAdaptiveInclusionHyperPrior hyper = new SparsityAdaptiveInclusionHyperPrior(1);
        org.apache.commons.math3.distribution.BetaDistribution beta =
                new org.apache.commons.math3.distribution.BetaDistribution(null, 1, 300);
        for (double lambda : new double[] {1e-4, 0.01, 0.3, 0.9}) {
            assertEquals(beta.logDensity(lambda), hyper.logDensity(lambda, 300), 1e-9);
        }
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-10, 1e-10);
        SparsityAdaptiveInclusionHyperPrior half = new SparsityAdaptiveInclusionHyperPrior(0.5);
        assertEquals(1.0, integrator.integrate(1_000_000, l -> Math.exp(half.logDensity(l, 50)), 0, 1), 1e-8);
        // u = 0 is the flat Beta(1, 1): the update is the mean gate over all candidates
        assertEquals((0.95 + 0.1 + 0.6 + 1.0) / 8, new SparsityAdaptiveInclusionHyperPrior(0).update(LAYER, 8), 1e-12);
    }

    @Test
    void inclusionUpdateStaysBelowOneHalfUnderTheSparsityAdaptivePriorEvenWithEveryGateOpen() {
        GatedLayerMoments open = new GatedLayerMoments(new double[] {1, 1, 1, 1}, new int[] {3, 3, 3, 3},
                new double[] {1, 1, 1, 1});
        assertEquals(4.0 / 7, new BetaInclusionHyperPrior(1, 1).update(open, 7), 1e-12);
        assertEquals(4.0 / (4 + 4 - 1), new SparsityAdaptiveInclusionHyperPrior(1).update(open, 4), 1e-12);
        assertEquals(4.0 / 13, new SparsityAdaptiveInclusionHyperPrior(1).update(open, 7), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"1, 1e-4", "3, 0.5", "0.5, 2"})
    void slabVarianceUpdateMaximisesExpectedLogJointPlusLogHyperPrior(double shape, double scale) {
        InverseGammaSlabHyperPrior hyper = new InverseGammaSlabHyperPrior(shape, scale);
        UnivariateFunction objective = v -> {
            double s = 0;
            for (int j = 0; j < LAYER.units(); j++) {
                // E_q[log N(w | 0, v)] summed over the unit's weights, weighted by q(z_j = 1)
                s += LAYER.theta()[j] * (-0.5 * LAYER.weightCounts()[j] * Math.log(2 * Math.PI * v)
                        - LAYER.secondMoments()[j] / (2 * v));
            }
            return s + hyper.logDensity(v);
        };
        double expected = argMax(objective, 1e-8, 10);
        assertEquals(expected, hyper.update(LAYER), 1e-6 * expected);
    }

    @Test
    void hyperPriorDensitiesAreNormalised() {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-10, 1e-10);
        BetaInclusionHyperPrior beta = new BetaInclusionHyperPrior(2, 5);
        assertEquals(1.0, integrator.integrate(1_000_000, l -> Math.exp(beta.logDensity(l)), 0, 1), 1e-8);
        InverseGammaSlabHyperPrior invGamma = new InverseGammaSlabHyperPrior(3, 0.5);
        assertEquals(1.0, integrator.integrate(1_000_000, v -> Math.exp(invGamma.logDensity(v)), 1e-6, 200), 1e-6);
    }

    @Test
    void inclusionUpdateIsClippedAwayFromZeroAndOne() {
        GatedLayerMoments closed = new GatedLayerMoments(new double[] {0, 0}, new int[] {3, 3}, new double[] {0, 0});
        assertEquals(BetaInclusionHyperPrior.FLOOR, new BetaInclusionHyperPrior(1, 1).update(closed), 0);
    }

    @Test
    void rejectsImpossibleHyperParameters() {
        assertThrows(IllegalArgumentException.class, () -> new BetaInclusionHyperPrior(0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new BetaInclusionHyperPrior(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SparsityAdaptiveInclusionHyperPrior(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new SparsityAdaptiveInclusionHyperPrior(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new BetaInclusionHyperPrior(1, 1).update(LAYER, 4));
        assertThrows(IllegalArgumentException.class, () -> new SparsityAdaptiveInclusionHyperPrior(1).update(LAYER, 4));
        assertThrows(IllegalArgumentException.class, () -> new InverseGammaSlabHyperPrior(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new InverseGammaSlabHyperPrior(1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new GatedLayerMoments(new double[] {1.5}, new int[] {1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new GatedLayerMoments(new double[] {0.5}, new int[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new GatedLayerMoments(new double[] {0.5, 0.5}, new int[] {1}, new double[] {0}));
    }
}
