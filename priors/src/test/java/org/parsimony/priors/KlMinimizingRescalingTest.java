package org.parsimony.priors;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closed-form KL-minimising unit scale against a numerical minimisation of {@code f(c)} over {@code log c}. */
class KlMinimizingRescalingTest {

    @Test
    void closedFormMatchesBrentMinimisationOfTheKl() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            double cIn = random.nextInt(800) * random.nextDouble();
            double a = Math.exp(8 * random.nextDouble() - 4) * (1 + cIn);
            double cOut = random.nextInt(300) * random.nextDouble();
            double b = Math.exp(8 * random.nextDouble() - 4) * (1 + cOut);
            double c = KlMinimizingRescaling.optimalScale(cIn, a, cOut, b);
            double logC = new BrentOptimizer(1e-13, 1e-15).optimize(new MaxEval(10_000), GoalType.MINIMIZE,
                    new UnivariateObjectiveFunction(t -> KlMinimizingRescaling.klChange(Math.exp(t), cIn, a, cOut, b)),
                    new SearchInterval(-20, 20)).getPoint();
            assertEquals(logC, Math.log(c), 1e-5, "trial " + trial);
            double f = KlMinimizingRescaling.klChange(c, cIn, a, cOut, b);
            assertTrue(f <= KlMinimizingRescaling.klChange(1, cIn, a, cOut, b) + 1e-12, "no worse than c = 1");
            assertTrue(f <= KlMinimizingRescaling.klChange(c * 1.001, cIn, a, cOut, b));
            assertTrue(f <= KlMinimizingRescaling.klChange(c / 1.001, cIn, a, cOut, b));
        }
    }

    @Test
    void balancedSidesStayAndAHeavierIncomingSideShrinks() {
        assertEquals(1, KlMinimizingRescaling.optimalScale(100, 50, 100, 50), 1e-15);
        // equal counts: c^4 = B / A
        assertEquals(Math.pow(4.0 / 64, 0.25), KlMinimizingRescaling.optimalScale(10, 64, 10, 4), 1e-12);
        assertTrue(KlMinimizingRescaling.optimalScale(784, 3000, 100, 100) < 1);
    }

    @Test
    void aSideWithoutKlLeavesTheUnitAloneAndBadSumsAreRejected() {
        assertEquals(1, KlMinimizingRescaling.optimalScale(0, 0, 10, 5));
        assertEquals(1, KlMinimizingRescaling.optimalScale(10, 5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> KlMinimizingRescaling.optimalScale(-1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> KlMinimizingRescaling.optimalScale(1, Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> KlMinimizingRescaling.optimalScale(1, 1, 1, Double.POSITIVE_INFINITY));
    }
}
