package org.parsimony.pruning.criteria.sipp;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.variational.network.DeterministicMlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PfpUnitPrunerTest {
    private static final DeterministicMlp NETWORK = SippFixtures.NETWORK;
    private static final EmpiricalSensitivity SENSITIVITY = EmpiricalSensitivity.of(NETWORK, SippFixtures.BATCH);
    private static final PfpUnitPruner DETERMINISTIC = new PfpUnitPruner(NETWORK, SENSITIVITY);
    private static final PfpUnitPruner SAMPLING = DETERMINISTIC.withMode(PfpUnitPruner.Mode.SAMPLING);

    @Test
    void keepingEveryUnitReproducesTheNetworkExactly() {
        for (PfpUnitPruner pruner : new PfpUnitPruner[] {DETERMINISTIC, SAMPLING}) {
            PfpUnitPruning all = pruner.prune(0.0, 1);
            assertEquals(40, all.keptUnits());
            assertArrayEquals(NETWORK.widths(), all.network().widths());
            for (int l = 0; l < NETWORK.layerCount(); l++) {
                assertEquals(NETWORK.weight(l), all.network().weight(l));
            }
            assertEquals(NETWORK.logits(SippFixtures.HELD_OUT), all.network().logits(SippFixtures.HELD_OUT));
        }
    }

    @Test
    void deterministicPfpKeepsTheMostSensitiveUnitsOfEachLayer() {
        for (double ratio : new double[] {0.25, 0.5, 0.75}) {
            PfpUnitPruning result = DETERMINISTIC.prune(ratio, 1);
            long target = 40 - Math.round(ratio * 40);
            assertTrue(Math.abs(result.keptUnits() - target) <= 1, "kept " + result.keptUnits() + ", target " + target);
            assertTrue(result.epsilon() > 0);
            int[] widths = result.network().widths();
            for (int l = 0; l < 2; l++) {
                long[] kept = result.kept().kept(l);
                assertEquals(kept.length, widths[l + 1]);
                assertTrue(kept.length >= 1);
                double[] s = SENSITIVITY.unitSensitivity(l);
                double smallestKept = Double.POSITIVE_INFINITY;
                boolean[] isKept = new boolean[s.length];
                for (long j : kept) {
                    isKept[(int) j] = true;
                    smallestKept = Math.min(smallestKept, s[(int) j]);
                }
                for (int j = 0; j < s.length; j++) {
                    if (!isKept[j]) {
                        assertTrue(s[j] <= smallestKept, "layer " + l + " pruned unit " + j + " is more sensitive");
                    }
                }
            }
            // deterministic: the surviving weights are the original ones
            assertEquals(org.parsimony.pruning.surgery.UnitSurgery.apply(NETWORK, result.kept()).weight(2),
                    result.network().weight(2));
        }
    }

    @Test
    void samplingReweightsTheOutgoingRowsOfKeptUnitsAndIsSeeded() {
        PfpUnitPruning a = SAMPLING.prune(0.5, 21);
        PfpUnitPruning b = SAMPLING.prune(0.5, 21);
        assertEquals(a.kept(), b.kept());
        assertEquals(a.network().weight(1), b.network().weight(1));
        DeterministicMlp unweighted = org.parsimony.pruning.surgery.UnitSurgery.apply(NETWORK, a.kept());
        boolean anyReweighted = false;
        for (int l = 1; l < NETWORK.layerCount(); l++) {
            double[][] original = unweighted.weight(l).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] pruned = a.network().weight(l).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[] s = SENSITIVITY.unitSensitivity(l - 1);
            long[] kept = a.kept().kept(l - 1);
            double carried = 0;
            boolean layerReweighted = false;
            for (int j = 0; j < original.length; j++) {
                double factor = pruned[j][0] / original[j][0];
                assertTrue(factor > 0);
                for (int i = 0; i < original[j].length; i++) {
                    // the outgoing weights of a kept unit are all scaled by that unit's factor
                    assertEquals(factor * original[j][i], pruned[j][i], 1e-5 * Math.abs(factor * original[j][i]) + 1e-7);
                }
                layerReweighted |= Math.abs(factor - 1) > 1e-6;
                carried += factor * s[(int) kept[j]];
            }
            if (layerReweighted) {
                // factor_j = count_j / (N p_j) with p_j = s_j / S: the kept units carry the layer's whole sensitivity S
                assertEquals(java.util.Arrays.stream(s).sum(), carried, 1e-5 * carried);
            }
            anyReweighted |= layerReweighted;
        }
        assertTrue(anyReweighted);
        assertTrue(a.keptUnits() >= 2 && a.keptUnits() < 40);
    }

    @Test
    void outputErrorFallsAsTheBudgetGrowsOnAverage() {
        double[] ratios = {0.75, 0.5, 0.25, 0.0};
        for (PfpUnitPruner pruner : new PfpUnitPruner[] {DETERMINISTIC, SAMPLING}) {
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
    void everyLayerKeepsAUnitAndBadInputsAreRejected() {
        PfpUnitPruning most = DETERMINISTIC.prune(1.0, 1);
        assertEquals(2, most.keptUnits());
        assertEquals(1.0 - 2.0 / 40, most.realizedRatio(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> DETERMINISTIC.prune(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> DETERMINISTIC.withFailureProbability(-1));
        assertThrows(IllegalArgumentException.class, () -> DETERMINISTIC.withConstant(Double.NaN));
        DeterministicMlp noHidden = DeterministicTrainer.initialize(new int[] {10, 4}, 1);
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> new PfpUnitPruner(noHidden, SippFixtures.BATCH));
        assertTrue(flat.getMessage().contains("hidden layer"), flat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PfpUnitPruner(
                DeterministicTrainer.initialize(new int[] {10, 24, 15, 4}, 1), SENSITIVITY));
    }
}
