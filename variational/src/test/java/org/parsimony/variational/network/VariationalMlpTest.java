package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariationalMlpTest {

    @Test
    void closedGatesVanishFromTheDeterministicNetworkWithoutChangingItsOutputs() {
        VariationalMlp network = VariationalMlp.initialize(7, new int[] {6, 5}, 3, 0.01, 1.0, 2);
        INDArray x = Nd4j.rand(4, 7);
        INDArray before = network.toDeterministic().logits(x);
        // zero the outgoing weights of unit 2 of layer 0, then close its gate: the outputs must not change
        network.layer(1).weightMean().getRow(2).assign(0);
        INDArray reference = network.toDeterministic().logits(x);
        network.layer(0).gate().putScalar(2, 0.2);
        DeterministicMlp pruned = network.toDeterministic();
        assertArrayEquals(new int[] {7, 5, 5, 3}, pruned.widths());
        assertTrue(reference.equalsWithEps(pruned.logits(x), 1e-5));
        assertEquals(4, before.size(0));
    }

    @Test
    void keepUnitsShrinksTheLayerAndTheNextLayersInputs() {
        VariationalMlp network = VariationalMlp.initialize(4, new int[] {5}, 2, 0.01, 0.9, 1);
        INDArray nextRow3 = network.layer(1).weightMean().getRow(3).dup();
        network.keepUnits(0, new long[] {1, 3});
        assertArrayEquals(new int[] {4, 2, 2}, network.widths());
        assertTrue(nextRow3.equalsWithEps(network.layer(1).weightMean().getRow(1), 0));
        assertThrows(IllegalArgumentException.class, () -> network.keepUnits(0, new long[0]));
        assertThrows(IllegalArgumentException.class, () -> network.keepUnits(1, new long[] {0}));
    }

    @Test
    void complexityCountsAreExact() {
        DenseComplexity c = new DenseComplexity(new int[] {784, 300, 100, 10});
        assertEquals(784 * 300 + 300 * 100 + 100 * 10 + 300 + 100 + 10, c.parameters());
        assertEquals(784 * 300 + 300 * 100 + 100 * 10, c.multiplyAdds());
        assertThrows(IllegalArgumentException.class, () -> new DenseComplexity(new int[] {3, 0, 2}));
    }

    @Test
    void keepingASingleUnitStillGivesMatrices() {
        INDArray m = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new long[] {2, 1}, UnitSelection.columns(m, new long[] {2}).shape());
        assertEquals(6.0, UnitSelection.columns(m, new long[] {2}).getDouble(1, 0), 0);
        assertArrayEquals(new long[] {1, 3}, UnitSelection.rows(m, new long[] {1}).shape());
        assertArrayEquals(new long[] {2, 2}, UnitSelection.columns(m, new long[] {0, 2}).shape());
    }
}
