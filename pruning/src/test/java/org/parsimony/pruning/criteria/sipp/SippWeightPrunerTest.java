package org.parsimony.pruning.criteria.sipp;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SippWeightPrunerTest {
    private static final DeterministicMlp NETWORK = SippFixtures.NETWORK;
    private static final SippWeightPruner HYBRID = new SippWeightPruner(NETWORK, SippFixtures.BATCH);
    private static final SippWeightPruner SAMPLING = HYBRID.withMode(SippWeightPruner.Mode.SAMPLING);

    @Test
    void keepingEveryWeightReproducesTheNetworkExactly() {
        for (SippWeightPruner pruner : new SippWeightPruner[] {HYBRID, SAMPLING}) {
            SippWeightPruning all = pruner.prune(0.0, 1);
            assertEquals(all.totalWeights(), all.keptWeights());
            for (int l = 0; l < NETWORK.layerCount(); l++) {
                assertEquals(NETWORK.weight(l), all.network().weight(l));
                assertEquals(NETWORK.bias(l), all.network().bias(l));
            }
            assertEquals(NETWORK.logits(SippFixtures.HELD_OUT), all.network().logits(SippFixtures.HELD_OUT));
            assertEquals(0.0, all.realizedRatio(), 0);
        }
    }

    @Test
    void theSameSeedGivesTheSameMaskAndWeights() {
        for (SippWeightPruner pruner : new SippWeightPruner[] {HYBRID, SAMPLING}) {
            SippWeightPruning a = pruner.prune(0.6, 11);
            SippWeightPruning b = pruner.prune(0.6, 11);
            for (int l = 0; l < NETWORK.layerCount(); l++) {
                assertEquals(a.mask().weightKeep(l), b.mask().weightKeep(l));
                assertEquals(a.network().weight(l), b.network().weight(l));
            }
        }
        SippWeightPruning c = SAMPLING.prune(0.6, 12);
        SippWeightPruning a = SAMPLING.prune(0.6, 11);
        boolean differs = false;
        for (int l = 0; l < NETWORK.layerCount(); l++) {
            differs |= !a.network().weight(l).equals(c.network().weight(l));
        }
        assertTrue(differs, "another seed should draw other samples");
    }

    @Test
    void prunesToTheTargetAndReweightsOnlySampledWeights() {
        for (double ratio : new double[] {0.3, 0.6, 0.8}) {
            for (SippWeightPruner pruner : new SippWeightPruner[] {HYBRID, SAMPLING}) {
                SippWeightPruning result = pruner.prune(ratio, 5);
                long target = result.totalWeights() - Math.round(ratio * result.totalWeights());
                assertTrue(Math.abs(result.keptWeights() - target) <= Math.max(3, result.totalWeights() / 100),
                        pruner.description() + " ratio " + ratio + ": kept " + result.keptWeights() + ", target " + target);
                assertEquals(result.keptWeights(), result.mask().keptWeights());
                int reweighted = 0;
                for (int l = 0; l < NETWORK.layerCount(); l++) {
                    double[][] w = NETWORK.weight(l).castTo(DataType.DOUBLE).toDoubleMatrix();
                    double[][] v = result.network().weight(l).castTo(DataType.DOUBLE).toDoubleMatrix();
                    float[][] keep = result.mask().weightKeep(l).toFloatMatrix();
                    for (int j = 0; j < w.length; j++) {
                        for (int i = 0; i < w[j].length; i++) {
                            if (keep[j][i] == 0) {
                                assertEquals(0.0, v[j][i], 0);
                            } else {
                                double factor = v[j][i] / w[j][i];
                                assertTrue(factor > 0, "a kept weight keeps its sign");
                                reweighted += Math.abs(factor - 1) > 1e-6 ? 1 : 0;
                            }
                        }
                    }
                    assertEquals(NETWORK.bias(l), result.network().bias(l));
                }
                if (result.sampledGroups() == 0) {
                    assertEquals(0, reweighted, "deterministic groups keep their weights unchanged");
                }
                if (pruner == SAMPLING) {
                    assertTrue(result.sampledGroups() > 0 && reweighted > 0, "sampling reweights");
                }
            }
        }
    }

    /**
     * A sampled group keeps weight j with factor count_j / (N p_j), p_j = s_j / S, so
     * sum_kept factor_j s_j = S sum_j count_j / N = S exactly: the reweighted sample carries the group's whole
     * sensitivity mass (a deterministic group keeps less than S unreweighted).
     */
    @Test
    void sampledGroupsCarryTheirWholeSensitivityMass() {
        EmpiricalSensitivity sensitivity = EmpiricalSensitivity.of(NETWORK, SippFixtures.BATCH);
        SippWeightPruning result = SAMPLING.prune(0.7, 8);
        int sampledGroupsSeen = 0;
        for (int l = 0; l < NETWORK.layerCount(); l++) {
            double[][] w = NETWORK.weight(l).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] v = result.network().weight(l).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] s = sensitivity.weightSensitivity(l);
            for (int i = 0; i < w[0].length; i++) {
                for (int sign : new int[] {1, -1}) {
                    double total = 0;
                    double carried = 0;
                    boolean reweighted = false;
                    for (int j = 0; j < w.length; j++) {
                        if (Math.signum(w[j][i]) != sign) {
                            continue;
                        }
                        total += s[j][i];
                        double factor = v[j][i] / w[j][i];
                        carried += factor * s[j][i];
                        reweighted |= v[j][i] != 0 && Math.abs(factor - 1) > 1e-6;
                    }
                    if (reweighted) {
                        sampledGroupsSeen++;
                        assertEquals(total, carried, 1e-5 * total, "layer " + l + " unit " + i + " sign " + sign);
                    } else {
                        assertTrue(carried <= total + 1e-9);
                    }
                }
            }
        }
        assertTrue(sampledGroupsSeen > 0);
    }

    @Test
    void outputErrorFallsAsTheBudgetGrowsOnAverage() {
        double[] ratios = {0.8, 0.6, 0.4, 0.2, 0.0};
        for (SippWeightPruner pruner : new SippWeightPruner[] {HYBRID, SAMPLING}) {
            double[] error = new double[ratios.length];
            for (int k = 0; k < ratios.length; k++) {
                for (long seed = 1; seed <= 5; seed++) {
                    error[k] += SippFixtures.relativeOutputError(NETWORK, pruner.prune(ratios[k], seed).network(),
                            SippFixtures.HELD_OUT) / 5;
                }
            }
            for (int k = 1; k < ratios.length; k++) {
                assertTrue(error[k] < error[k - 1], pruner.description() + ": error " + java.util.Arrays.toString(error));
            }
            assertEquals(0.0, error[ratios.length - 1], 0);
        }
    }

    @Test
    void importanceSamplingIsUnbiasedAndDrawsEnoughForTheDistinctCount() {
        double[] p = {0.5, 0.2, 0.15, 0.1, 0.04, 0.01};
        long draws = ImportanceSampling.drawsForDistinct(p, 4);
        assertTrue(ImportanceSampling.expectedDistinct(p, draws) >= 4);
        assertTrue(ImportanceSampling.expectedDistinct(p, draws - 1) < 4);
        SplittableRandom random = new SplittableRandom(3);
        double[] meanFactor = new double[p.length];
        int repeats = 20000;
        for (int r = 0; r < repeats; r++) {
            int[] counts = ImportanceSampling.counts(p, draws, random);
            assertEquals(draws, java.util.Arrays.stream(counts).sum());
            for (int j = 0; j < p.length; j++) {
                meanFactor[j] += counts[j] / (draws * p[j]) / repeats;
            }
        }
        for (int j = 0; j < p.length; j++) {
            // E[count / (N p)] = 1: the reweighted sample is an unbiased estimate of the full sum
            double sd = Math.sqrt((1 - p[j]) / (draws * p[j]) / repeats);
            assertEquals(1.0, meanFactor[j], 5 * sd, "item " + j);
        }
    }

    @Test
    void allocationSpendsTheBudgetWhereTheErrorBoundFallsMost() {
        double[] c = {1, 10, 100, 10};
        double[] weight = {1, 1, 1, 0.1};
        double[] upper = {50, 50, 50, 50};
        double[] m = SamplingErrorBound.allocate(c, weight, upper, 60);
        assertEquals(60, java.util.Arrays.stream(m).sum(), 1e-3);
        assertTrue(m[0] < m[1] && m[1] < m[2], java.util.Arrays.toString(m));
        assertTrue(m[3] < m[1], "a group with less weight in the objective gets fewer samples");
        // KKT: equal weighted marginal gains for groups strictly inside their bounds
        double gain1 = weight[1] * SamplingErrorBound.marginalGain(c[1] / m[1]) / c[1];
        double gain2 = weight[2] * SamplingErrorBound.marginalGain(c[2] / m[2]) / c[2];
        assertEquals(gain1, gain2, 1e-4 * gain1);
        assertEquals(50, SamplingErrorBound.allocate(c, weight, upper, 1000)[2], 0);
        double[] tight = SamplingErrorBound.allocate(new double[] {1000, 1}, new double[] {1, 1}, new double[] {5, 5}, 8);
        assertEquals(5, tight[0], 1e-6);
        assertEquals(3, tight[1], 1e-3);
        // the sampling bound falls with m
        assertTrue(SamplingErrorBound.sampling(10, 5) > SamplingErrorBound.sampling(10, 50));
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HYBRID.prune(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> HYBRID.prune(1.1, 1));
        assertThrows(IllegalArgumentException.class, () -> HYBRID.withFailureProbability(0));
        assertThrows(IllegalArgumentException.class, () -> HYBRID.withFailureProbability(1));
        assertThrows(IllegalArgumentException.class, () -> HYBRID.withConstant(0));
        DeterministicMlp other = DeterministicTrainer.initialize(new int[] {10, 20, 16, 4}, 1);
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new SippWeightPruner(other, EmpiricalSensitivity.of(NETWORK, SippFixtures.BATCH)));
        assertTrue(mismatch.getMessage().contains("widths"), mismatch.getMessage());
        assertNotEquals(HYBRID.description(), SAMPLING.description());
    }
}
