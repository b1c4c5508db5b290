package org.parsimony.pruning.criteria.sipp;

import org.junit.jupiter.api.Test;
import org.parsimony.pruning.surgery.SparsityReport;
import org.parsimony.variational.network.DeterministicMlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SiPP's and PFP's own allocations reach the size they are asked for: SiPP to the weight, PFP within one unit. */
class AllocationTargetTest {
    private static final DeterministicMlp NETWORK = SippFixtures.NETWORK; // 10-24-16-4
    private static final EmpiricalSensitivity SENSITIVITY = EmpiricalSensitivity.of(NETWORK, SippFixtures.BATCH);

    @Test
    void sippKeepsExactlyTheWeightsItIsAsked() {
        SippWeightPruner hybrid = new SippWeightPruner(NETWORK, SENSITIVITY);
        long total = NETWORK.complexity().multiplyAdds();
        // hybrid SiPP, the default (pure sampling has no group kept by its top weights to top up from)
        for (SippWeightPruner pruner : new SippWeightPruner[] {hybrid}) {
            for (long target : new long[] {total, total - 1, 400, 257, 120, 90}) {
                SippWeightPruning result = pruner.pruneToWeights(target, 3);
                assertEquals(target, result.keptWeights(), pruner.description() + " target " + target);
                assertEquals(target, result.mask().keptWeights(), "the mask keeps what is counted");
                assertEquals(target, SparsityReport.of(result.network()).nonzeroWeights(), "the network has as many non-zeros");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> hybrid.pruneToWeights(total + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> hybrid.pruneToWeights(-1, 1));
    }

    @Test
    void pfpMissesAParameterTargetByLessThanOneUnit() {
        int[] widths = NETWORK.widths();
        // the most one unit can weigh: its incoming weights, its bias and its outgoing weights
        long unit = 0;
        for (int l = 1; l < widths.length - 1; l++) {
            unit = Math.max(unit, widths[l - 1] + 1 + widths[l + 1]);
        }
        long all = NETWORK.complexity().parameters();
        PfpUnitPruner deterministic = new PfpUnitPruner(NETWORK, SENSITIVITY);
        // deterministic PFP (the sampling form reaches the count in expectation only: its draws are random)
        for (PfpUnitPruner pruner : new PfpUnitPruner[] {deterministic}) {
            for (double keep : new double[] {1.0, 0.8, 0.6, 0.45, 0.3, 0.2}) {
                long target = Math.round(keep * all);
                long kept = pruner.pruneToParameters(target, 5).network().complexity().parameters();
                assertTrue(Math.abs(kept - target) < unit, pruner.description() + " target " + target + ": kept " + kept
                        + " parameters, one unit weighs up to " + unit);
            }
        }
        assertEquals(all, deterministic.pruneToParameters(all, 1).network().complexity().parameters());
        assertThrows(IllegalArgumentException.class, () -> deterministic.pruneToParameters(all + 1, 1));
    }

    @Test
    void pfpKeepsExactlyTheUnitsItIsAsked() {
        PfpUnitPruner pruner = new PfpUnitPruner(NETWORK, SENSITIVITY);
        for (double ratio : new double[] {0.1, 0.35, 0.5, 0.75, 0.9}) {
            long target = Math.max(2, 40 - Math.round(ratio * 40));
            assertEquals(target, pruner.prune(ratio, 1).keptUnits(), "ratio " + ratio);
        }
    }

    @Test
    void theSensitivityBatchFollowsTorchprunesSizeRule() {
        // LeNet-300-100: ceil(3 ln(8 * 300 * 410 / 1e-16)) = 152
        assertEquals(152, SensitivityBatchSize.of(new int[] {784, 300, 100, 10}, 6000));
        // capped at half the held-out examples
        assertEquals(50, SensitivityBatchSize.of(new int[] {784, 300, 100, 10}, 100));
        assertEquals(51, SensitivityBatchSize.of(new int[] {784, 300, 100, 10}, 101));
        // a smaller net needs fewer points: ceil(3 ln(8 * 24 * 44 / 1e-16))
        assertEquals((int) Math.ceil(3 * Math.log(8.0 * 24 * 44 / 1e-16)), SensitivityBatchSize.of(NETWORK.widths(), 1000));
        assertThrows(IllegalArgumentException.class, () -> SensitivityBatchSize.of(new int[] {784}, 100));
        assertThrows(IllegalArgumentException.class, () -> SensitivityBatchSize.of(new int[] {784, 10}, 1));
    }
}
