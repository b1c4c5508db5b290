package org.parsimony.priors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlattenedGatePriorTest {
    private final ArrayArithmetic e = ArrayArithmetic.INSTANCE;

    @ParameterizedTest
    @CsvSource({"0.3, 0.5", "0.0, 0.1", "1.0, 0.7"})
    void isTheKlPlusTheGateEntropy(double theta, double lambda) {
        double entropy = (theta == 0 || theta == 1) ? 0
                : -theta * Math.log(theta) - (1 - theta) * Math.log(1 - theta);
        double[] t = ArrayArithmetic.scalar(theta);
        double crossEntropy = FlattenedGatePrior.INSTANCE.kl(e, t, t, ArrayArithmetic.scalar(lambda))[0];
        assertEquals(BernoulliGatePrior.klDivergence(theta, lambda) + entropy, crossEntropy, 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"0.3, 0.5", "0.9, 0.2"})
    void derivativeIsTheSlopeOfALinearFunction(double theta, double lambda) {
        double[] l = ArrayArithmetic.scalar(lambda);
        double at0 = FlattenedGatePrior.INSTANCE.kl(e, ArrayArithmetic.scalar(0), ArrayArithmetic.scalar(0), l)[0];
        double at1 = FlattenedGatePrior.INSTANCE.kl(e, ArrayArithmetic.scalar(1), ArrayArithmetic.scalar(1), l)[0];
        double[] t = ArrayArithmetic.scalar(theta);
        assertEquals(at1 - at0, FlattenedGatePrior.INSTANCE.klDerivative(e, t, t, l, ArrayArithmetic.scalar(1))[0], 1e-12);
    }
}
