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
        assertEquals(direct, new BernoulliGatePrior(lambda).klDivergence(theta), 1e-14);
    }

    @Test
    void decidedGatesUseZeroLogZero() {
        BernoulliGatePrior prior = new BernoulliGatePrior(0.25);
        assertEquals(-Math.log(0.75), prior.klDivergence(0), 1e-14);
        assertEquals(-Math.log(0.25), prior.klDivergence(1), 1e-14);
    }

    @Test
    void rejectsImpossibleProbabilities() {
        assertThrows(IllegalArgumentException.class, () -> new BernoulliGatePrior(0));
        assertThrows(IllegalArgumentException.class, () -> new BernoulliGatePrior(1));
        assertThrows(IllegalArgumentException.class, () -> new BernoulliGatePrior(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new BernoulliGatePrior(0.5).klDivergence(1.2));
        assertThrows(IllegalArgumentException.class, () -> new BernoulliGatePrior(0.5).klDivergence(-0.1));
    }
}
