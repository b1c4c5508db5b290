package org.parsimony.pruning.policy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.statistics.LayerStatistics;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.KeptUnits;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdPoliciesTest {

    private static PosteriorStatistics twoInputLayer(double[][] mu, double[][] sigma, double[] gates) {
        return new PosteriorStatistics(List.of(
                new LayerStatistics(Nd4j.createFromArray(mu), Nd4j.createFromArray(sigma), gates, List.of()),
                new LayerStatistics(Nd4j.ones(mu[0].length, 2), Nd4j.ones(mu[0].length, 2), null, List.of())));
    }

    @Test
    void significancePolicyPrunesUnitsWhosePValueExceedsAlpha() {
        // chi^2_2 survival exp(-W/2): W = 0.5 -> 0.78, W = 8 -> 0.018, W = 5 -> 0.082, W = 20 -> 4.5e-5
        PosteriorStatistics s = twoInputLayer(new double[][] {{0.5, 2, 1, 4}, {0.5, 2, 2, 2}},
                new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}}, null);
        double[] p = new MagnitudeUncertaintyCriterion().unitPValues(s).get(0);
        assertTrue(p[0] > 0.1 && p[1] < 0.05 && p[2] > 0.05 && p[3] < 0.01);
        assertArrayEquals(new long[] {1, 3}, new SignificancePolicy(0.05).select(s).kept(0));
        assertArrayEquals(new long[] {1, 2, 3}, new SignificancePolicy(0.1).select(s).kept(0));
        assertArrayEquals(new long[] {3}, new SignificancePolicy(0.001).select(s).kept(0));
        // nothing significant: the smallest p-value survives
        assertArrayEquals(new long[] {3}, new SignificancePolicy(1e-9).select(s).kept(0));
    }

    @Test
    void gateThresholdKeepsOpenGatesAndAtLeastTheMostProbableUnit() {
        PosteriorStatistics s = twoInputLayer(new double[][] {{1, 1, 1}, {1, 1, 1}},
                new double[][] {{1, 1, 1}, {1, 1, 1}}, new double[] {0.7, 0.49, 0.5});
        assertArrayEquals(new long[] {0, 2}, new GateThresholdPolicy().select(s).kept(0));
        KeptUnits strict = new GateThresholdPolicy(0.9).select(s);
        assertArrayEquals(new long[] {0}, strict.kept(0));
    }

    @Test
    void badThresholdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SignificancePolicy(0));
        assertThrows(IllegalArgumentException.class, () -> new SignificancePolicy(1));
        assertThrows(IllegalArgumentException.class, () -> new GateThresholdPolicy(1.1));
        assertThrows(IllegalArgumentException.class, () -> new GateThresholdPolicy(Double.NaN));
    }
}
