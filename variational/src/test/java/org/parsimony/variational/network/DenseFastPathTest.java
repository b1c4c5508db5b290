package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** All-dense structures, and only they, take the hand-written dense paths. */
class DenseFastPathTest {
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @Test
    void anAllDenseNetworkIsItsOwnDenseFastPath() {
        Architecture mlp = Architecture.mlp(784, new int[] {30, 10}, 10);
        assertTrue(mlp.supportsDenseFastPath());
        DeterministicNetwork network = VariationalNetwork.initialize(mlp, 0.01, 0.9, 1).toDeterministic();
        assertInstanceOf(DeterministicMlp.class, network);
        assertSame(network, network.denseFastPath().orElseThrow());
        // dense layers on image inputs are served the same way: the images arrive flat
        assertTrue(new Architecture("dense", MNIST, List.of(LayerSpec.dense(20), LayerSpec.dense(10)))
                .supportsDenseFastPath());
    }

    @Test
    void aConvNetTakesTheGraphPaths() {
        Architecture lenet = Architecture.lenet5(MNIST, 10);
        assertFalse(lenet.supportsDenseFastPath());
        DeterministicNetwork network = VariationalNetwork.initialize(lenet.scaled(0.1), 0.01, 0.9, 1).toDeterministic();
        assertInstanceOf(DeterministicConvNet.class, network);
        assertTrue(network.denseFastPath().isEmpty());
    }
}
