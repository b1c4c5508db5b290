package org.parsimony.priors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BernoulliGatePriorTest {

    @ParameterizedTest
    @CsvSource({"0.3, 0.5", "0.9, 0.1", "0.5, 0.5", "0.01, 0.7"})
    void matchesTheSumOverBothOutcomes(double theta, double lambda) {
        // KL = sum_{z in {0,1}} q(z) log(q(z) / p(z))
        double direct = theta * Math.log(theta / lambda) + (1 - theta) * Math.log((1 - theta) / (1 - lambda));
        assertEquals(direct, BernoulliGatePrior.klDivergence(theta, lambda), 1e-14);
    }

    @Test
    void decidedGatesUseZeroLogZero() {
        assertEquals(-Math.log(0.75), BernoulliGatePrior.klDivergence(0, 0.25), 1e-14);
        assertEquals(-Math.log(0.25), BernoulliGatePrior.klDivergence(1, 0.25), 1e-14);
    }

    @ParameterizedTest
    @CsvSource({"0.3, 0.5", "0.9, 0.1", "0.02, 0.7"})
    void derivativeMatchesCentralDifferences(double theta, double lambda) {
        ArrayArithmetic e = ArrayArithmetic.INSTANCE;
        double h = 1e-6;
        double difference = (BernoulliGatePrior.klDivergence(theta + h, lambda)
                - BernoulliGatePrior.klDivergence(theta - h, lambda)) / (2 * h);
        double[] t = ArrayArithmetic.scalar(theta);
        double derivative = BernoulliGatePrior.INSTANCE.klDerivative(e, t, t, ArrayArithmetic.scalar(lambda),
                ArrayArithmetic.scalar(1))[0];
        assertEquals(difference, derivative, 1e-6);
    }

    @Test
    void derivativeOfAClippedGateIgnoresTheClip() {
        ArrayArithmetic e = ArrayArithmetic.INSTANCE;
        double[] lambda = ArrayArithmetic.scalar(0.4);
        double[] clipped = ArrayArithmetic.scalar(1e-6);
        double derivative = BernoulliGatePrior.INSTANCE.klDerivative(e, ArrayArithmetic.scalar(0), clipped, lambda,
                ArrayArithmetic.scalar(0))[0];
        assertEquals(Math.log(1e-6 / 0.4) - Math.log((1 - 1e-6) / 0.6), derivative, 1e-12);
    }

    @Test
    void rejectsImpossibleProbabilities() {
        assertThrows(IllegalArgumentException.class, () -> BernoulliGatePrior.klDivergence(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> BernoulliGatePrior.klDivergence(0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> BernoulliGatePrior.klDivergence(0.5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BernoulliGatePrior.klDivergence(1.2, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BernoulliGatePrior.klDivergence(-0.1, 0.5));
    }
}
