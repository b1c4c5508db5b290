package org.parsimony.pruning.criteria.sipp;

import org.parsimony.pruning.criteria.CriterionContext;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.policy.PruningSchedule;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.policy.UnitRatioPolicy;
import org.parsimony.pruning.policy.WeightRatioPolicy;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmpiricalSensitivityTest {
    private static final double EPS = 1e-6;

    /** Inputs 2, hidden 2, outputs 2, zero biases; W[j][i] connects input j to unit i. */
    private static DeterministicMlp tiny() {
        INDArray w0 = Nd4j.createFromArray(new float[][] {{1, -1}, {2, 3}});
        INDArray w1 = Nd4j.createFromArray(new float[][] {{1, 0.5f}, {1, 2}});
        return new DeterministicMlp(List.of(w0, w1), List.of(Nd4j.zeros(DataType.FLOAT, 2), Nd4j.zeros(DataType.FLOAT, 2)));
    }

    @Test
    void handComputedSensitivitiesOfATinyNetwork() {
        INDArray batch = Nd4j.createFromArray(new float[][] {{1, 1}, {2, 0.5f}});
        EmpiricalSensitivity s = EmpiricalSensitivity.of(tiny(), batch);
        // unit 0 of layer 0 (weights 1, 2): x1 gives 1/3, 2/3; x2 gives 2/3, 1/3 -> max 2/3 each
        // unit 1 (weights -1 and 3): one weight per sign, each carries its whole sign group -> 1
        double[][] s0 = s.weightSensitivity(0);
        assertEquals(2.0 / 3, s0[0][0], EPS);
        assertEquals(2.0 / 3, s0[1][0], EPS);
        assertEquals(1.0, s0[0][1], EPS);
        assertEquals(1.0, s0[1][1], EPS);
        // hidden activations: x1 -> (3, 2), x2 -> (3, relu(-0.5) = 0)
        // output 0 (weights 1, 1): x1 gives 3/5, 2/5; x2 gives 1, 0 -> (1, 2/5)
        // output 1 (weights 0.5, 2): x1 gives 1.5/5.5, 4/5.5; x2 gives 1, 0 -> (1, 8/11)
        double[][] s1 = s.weightSensitivity(1);
        assertEquals(1.0, s1[0][0], EPS);
        assertEquals(0.4, s1[1][0], EPS);
        assertEquals(1.0, s1[0][1], EPS);
        assertEquals(8.0 / 11, s1[1][1], EPS);
        // PFP: a hidden unit's sensitivity is the largest over the next layer's use of it
        assertArrayEquals(new double[] {1.0, 8.0 / 11}, s.unitSensitivity(0), EPS);
        assertEquals(2, s.points(0));
        assertEquals(2, s.points(1));
        assertEquals(2, s.batchSize());
    }

    @Test
    void negativeInputsCountAsTheirPositiveAndNegativeParts() {
        // (1, -1) becomes the points (1, 0) and (0, 1); (0, 0) carries nothing and is dropped
        INDArray batch = Nd4j.createFromArray(new float[][] {{1, -1}, {0, 0}});
        EmpiricalSensitivity s = EmpiricalSensitivity.of(tiny(), batch);
        assertEquals(2, s.points(0));
        assertEquals(2, s.batchSize());
        double[][] s0 = s.weightSensitivity(0);
        // each point feeds one input only, so that input's weight carries its whole sign group
        for (double[] row : s0) {
            for (double v : row) {
                assertEquals(1.0, v, EPS);
            }
        }
    }

    @Test
    void sensitivitiesOfATrainedNetworkAreRelativeContributions() {
        EmpiricalSensitivity s = EmpiricalSensitivity.of(SippFixtures.NETWORK, SippFixtures.BATCH);
        for (int l = 0; l < s.layerCount(); l++) {
            double[][] sens = s.weightSensitivity(l);
            double[][] w = SippFixtures.NETWORK.weight(l).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int i = 0; i < w[0].length; i++) {
                for (int sign : new int[] {1, -1}) {
                    double sum = 0;
                    for (int j = 0; j < w.length; j++) {
                        assertTrue(sens[j][i] >= 0 && sens[j][i] <= 1, "s = " + sens[j][i]);
                        if (Math.signum(w[j][i]) == sign) {
                            sum += sens[j][i];
                        }
                    }
                    // a group that contributed at all: its shares at one point sum to 1, and no more than |S'| points
                    if (sum > 0) {
                        assertTrue(sum >= 1 - EPS && sum <= s.points(l) + EPS, "layer " + l + " unit " + i + " sum " + sum);
                    }
                }
            }
        }
        for (int l = 0; l < s.layerCount() - 1; l++) {
            double[] unit = s.unitSensitivity(l);
            double[][] next = s.weightSensitivity(l + 1);
            for (int j = 0; j < unit.length; j++) {
                assertEquals(java.util.Arrays.stream(next[j]).max().orElseThrow(), unit[j], 0);
                assertTrue(unit[j] >= 0 && unit[j] <= 1);
            }
        }
        // Gaussian blob inputs have entries of both signs, so most rows count twice in layer 0
        assertTrue(s.points(0) > 64 && s.points(0) <= 128, "points " + s.points(0));
        assertTrue(s.points(1) <= 64);
    }

    @Test
    void theCriterionPlugsIntoTheRatioPolicies() {
        SippCriterion sipp = new SippCriterion();
        PosteriorStatistics statistics = PosteriorStatistics.pointEstimate(SippFixtures.NETWORK);
        CriterionContext context = new CriterionContext(SippFixtures.NETWORK, statistics, SippFixtures.BATCH);
        assertEquals("sipp", sipp.name());
        WeightMask mask = new WeightRatioPolicy(sipp, 0.5, RatioScope.GLOBAL).select(context, WeightMask.dense(statistics.widths()));
        long total = mask.totalWeights();
        assertEquals(total - Math.round(0.5 * total), mask.keptWeights());
        // deterministic SiPP: every kept weight is at least as sensitive as every pruned one
        double smallestKept = Double.POSITIVE_INFINITY;
        double largestPruned = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < mask.layerCount(); l++) {
            double[][] sens = sipp.sensitivity(context).weightSensitivity(l);
            float[][] keep = mask.weightKeep(l).toFloatMatrix();
            for (int j = 0; j < sens.length; j++) {
                for (int i = 0; i < sens[j].length; i++) {
                    if (keep[j][i] == 1) {
                        smallestKept = Math.min(smallestKept, sens[j][i]);
                    } else {
                        largestPruned = Math.max(largestPruned, sens[j][i]);
                    }
                }
            }
        }
        assertTrue(largestPruned <= smallestKept, largestPruned + " > " + smallestKept);
        KeptUnits kept = new UnitRatioPolicy(sipp, 0.5, RatioScope.LAYER_WISE).select(context);
        assertEquals(12 + 8, kept.keptCount());
        DeterministicMlp pruned = PruningSchedule.oneShot(new UnitRatioPolicy(sipp, 0.25, RatioScope.GLOBAL))
                .withBatch(SippFixtures.BATCH).run(SippFixtures.NETWORK, statistics, null).network();
        assertEquals(30, pruned.widths()[1] + pruned.widths()[2]);
    }

    @Test
    void badInputsAreRejected() {
        SippCriterion sipp = new SippCriterion();
        PosteriorStatistics other = PosteriorStatistics.pointEstimate(
                org.parsimony.pruning.finetune.DeterministicTrainer.initialize(new int[] {10, 20, 16, 4}, 1));
        IllegalArgumentException widths = assertThrows(IllegalArgumentException.class,
                () -> new CriterionContext(SippFixtures.NETWORK, other, SippFixtures.BATCH));
        assertTrue(widths.getMessage().contains("statistics describe widths"), widths.getMessage());
        IllegalArgumentException network = assertThrows(IllegalArgumentException.class, () -> sipp.unitScores(other));
        assertTrue(network.getMessage().contains("MLPs only"), network.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> sipp.weightScores(
                new CriterionContext(SippFixtures.NETWORK, PosteriorStatistics.pointEstimate(SippFixtures.NETWORK), null)));
        assertTrue(batch.getMessage().contains("batch of training inputs"), batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmpiricalSensitivity.of(SippFixtures.NETWORK, Nd4j.zeros(DataType.FLOAT, 3, 9)));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> EmpiricalSensitivity.of(SippFixtures.NETWORK, Nd4j.zeros(DataType.FLOAT, 0, 10)));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmpiricalSensitivity.of(SippFixtures.NETWORK,
                Nd4j.createFromArray(new float[][] {{Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0}})));
    }
}
