package org.parsimony.pruning.confidence;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Confident pruning's guarantee checked through {@link ConfidentPruning#calibrate} (networks, data, loss and test
 * together) against the exact violation rate, with non-monotone risks.
 *
 * <p>Setup: five "pruned" networks whose disagreement with the dense one is a known indicator of the input, so the
 * true risks are {@code R = (0, 0, 0.105, 0.3, 0)}: not monotone in the ratio, the third just above {@code alpha = 0.1}.
 * Fixed-sequence testing always rejects the two risk-free ratios (their p-value is {@code 0.9^n}), rejects the third
 * exactly when its Hoeffding-Bentkus p-value is {@code <= delta}, and then stops at the fourth (risk 0.3); the risk-free
 * fifth ratio is never reached. A violation (certified ratio with risk above alpha) is therefore exactly the event
 * "the third ratio is rejected", whose probability is a finite binomial sum. Monte Carlo through {@code calibrate()}
 * must match that sum (0.0150) within 4 standard errors (a p-value without Bentkus' factor e, or an asymptotic one, would
 * move it by more than six: 0.0400 without e), and the sum itself must be at most delta.
 */
class CalibrateViolationRateTest {
    static final double ALPHA = 0.1;
    static final double DELTA = 0.1;
    static final double[] RATIOS = {0.1, 0.2, 0.3, 0.4, 0.5};
    static final double[] RISK = {0, 0, 0.105, 0.3, 0};
    static final int N = 300;
    static final int DRAWS = 1000;

    /** The dense net predicts class 0 always; the net pruned at ratio k predicts class 1 exactly when feature k is 1. */
    static DeterministicMlp network(int flipOn) {
        float[][] w = new float[RATIOS.length][2];
        if (flipOn >= 0) {
            w[flipOn][1] = 10;
        }
        return new DeterministicMlp(List.of(Nd4j.createFromArray(w)), List.of(Nd4j.createFromArray(new float[] {1, 0})));
    }

    /** {@code n} i.i.d. examples: one uniform u per example, feature k = 1{u < R_k} (nested, as pruning more usually is). */
    static LabeledData draw(SplittableRandom random, int n) {
        float[] features = new float[n * RATIOS.length];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            for (int k = 0; k < RATIOS.length; k++) {
                features[i * RATIOS.length + k] = u < RISK[k] ? 1 : 0;
            }
        }
        return new LabeledData(features, new int[n], RATIOS.length, 2);
    }

    /** P(HB p-value of Binomial(n, R)/n <= delta), summed exactly. */
    static double exactRejectionProbability(double risk, int n, double alpha, double delta) {
        BinomialDistribution losses = new BinomialDistribution(null, n, risk);
        double p = 0;
        for (int j = 0; j <= n; j++) {
            if (HoeffdingBentkus.pValue((double) j / n, n, alpha) <= delta) {
                p += losses.probability(j);
            }
        }
        return p;
    }

    @Test
    void theViolationRateThroughCalibrateIsTheExactOneAndAtMostDelta() {
        DeterministicMlp dense = network(-1);
        DeterministicMlp[] pruned = new DeterministicMlp[RATIOS.length];
        for (int k = 0; k < RATIOS.length; k++) {
            pruned[k] = network(k);
        }
        RatioPruner pruner = r -> pruned[java.util.Arrays.binarySearch(RATIOS, r)];
        ConfidentPruning procedure = new ConfidentPruning(ALPHA, DELTA);
        SplittableRandom random = new SplittableRandom(19);
        int violations = 0;
        for (int d = 0; d < DRAWS; d++) {
            ConfidentPruningResult result = procedure.calibrate(dense, pruner, RATIOS, draw(random, N));
            assertTrue(result.rejectedCount() >= 2, "the risk-free ratios are always certified");
            assertTrue(result.rejectedCount() <= 3, "the ratio with risk 0.3 is never certified at n = " + N);
            if (RISK[result.rejectedCount() - 1] > ALPHA) {
                violations++;
            }
        }
        double exact = exactRejectionProbability(RISK[2], N, ALPHA, DELTA);
        double standardError = Math.sqrt(exact * (1 - exact) / DRAWS);
        double observed = (double) violations / DRAWS;
        assertTrue(exact <= DELTA, "the exact violation rate " + exact + " exceeds delta");
        assertTrue(exact > 0.01, "the setup must be able to violate: exact rate " + exact);
        assertEquals(exact, observed, 4 * standardError, "violations through calibrate(): " + violations + " of " + DRAWS);
        // the same Monte Carlo would catch a p-value without Bentkus' factor e: its exact rate differs by many errors
        double withoutE = 0;
        BinomialDistribution losses = new BinomialDistribution(null, N, RISK[2]);
        for (int j = 0; j <= N; j++) {
            double hoeffding = Math.exp(-N * HoeffdingBentkus.relativeEntropy(Math.min((double) j / N, ALPHA), ALPHA));
            double binomial = new BinomialDistribution(null, N, ALPHA).cumulativeProbability(j);
            if (Math.min(hoeffding, binomial) <= DELTA) {
                withoutE += losses.probability(j);
            }
        }
        assertTrue(Math.abs(withoutE - exact) > 6 * standardError, "without e: " + withoutE + ", with e: " + exact);
    }

    @Test
    void theEmpiricalRisksCalibrateMeasuresAreTheMeansOfTheLosses() {
        DeterministicMlp dense = network(-1);
        LabeledData data = draw(new SplittableRandom(3), 400);
        ConfidentPruningResult result = new ConfidentPruning(ALPHA, DELTA).calibrate(dense, r -> network(
                java.util.Arrays.binarySearch(RATIOS, r)), RATIOS, data);
        for (int k = 0; k < RATIOS.length; k++) {
            double mean = 0;
            for (int i = 0; i < data.size(); i++) {
                float[] x = new float[RATIOS.length];
                data.copyFeatures(i, x, 0);
                mean += x[k];
            }
            assertEquals(mean / data.size(), result.empiricalRisks()[k], 1e-12, "ratio " + RATIOS[k]);
        }
    }
}
