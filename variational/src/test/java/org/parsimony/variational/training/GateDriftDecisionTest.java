package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.network.InitialPosterior;
import org.parsimony.variational.network.VariationalMlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GateDriftDecisionTest {

    private static VariationalMlp network() {
        return VariationalMlp.initialize(5, new int[] {4, 3}, 2, new InitialPosterior(1, 0, 0.5), 0.9, 1);
    }

    private static void setGates(VariationalMlp network, int layer, float... theta) {
        network.layer(layer).gate().assign(Nd4j.createFromArray(theta).reshape(network.layer(layer).gate().shape())
                .castTo(network.layer(layer).gate().dataType()));
    }

    @Test
    void aFallingGateAboveOneHalfIsCutAndARisingOneBelowIsKept() {
        VariationalMlp network = network();
        setGates(network, 0, 0.80f, 0.45f, 1.0f, 0.60f);
        setGates(network, 1, 0.9f, 0.9f, 0.9f);
        GateDriftDecision decision = GateDriftDecision.begin(network, 10);
        setGates(network, 0, 0.70f, 0.50f, 1.0f, 0.61f); // falling, rising, pinned at 1, barely rising
        setGates(network, 1, 0.9f, 0.95f, 0.5f);
        decision.extrapolate(network);
        assertArrayEquals(new float[] {0f, 1f, 1f, 0.71f}, network.layer(0).gate().toFloatVector(), 1e-5f);
        assertArrayEquals(new float[] {0.9f, 1f, 0f}, network.layer(1).gate().toFloatVector(), 1e-5f);
    }

    @Test
    void horizonZeroLeavesTheGatesWhereTheyAre() {
        VariationalMlp network = network();
        GateDriftDecision decision = GateDriftDecision.begin(network, 0);
        setGates(network, 0, 0.7f, 0.2f, 0.55f, 0.95f);
        decision.extrapolate(network);
        assertArrayEquals(new float[] {0.7f, 0.2f, 0.55f, 0.95f}, network.layer(0).gate().toFloatVector(), 0f);
    }

    @Test
    void refusesANegativeHorizonAndAChangedWidth() {
        assertThrows(IllegalArgumentException.class, () -> GateDriftDecision.begin(network(), -1));
        assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.defaults().toBuilder().decisionHorizon(Double.NaN).build());
        VariationalMlp network = network();
        GateDriftDecision decision = GateDriftDecision.begin(network, 5);
        UnitRemoval.keep(network, new org.parsimony.variational.optim.AdamOptimizer(), 0, new long[] {0, 2});
        assertThrows(IllegalStateException.class, () -> decision.extrapolate(network));
    }
}
