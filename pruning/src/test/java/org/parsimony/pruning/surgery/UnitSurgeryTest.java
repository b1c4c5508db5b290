package org.parsimony.pruning.surgery;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitSurgeryTest {

    private static DeterministicMlp withLayers(DeterministicMlp network, int layer, INDArray weight, INDArray bias) {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            w.add(l == layer ? weight : network.weight(l));
            b.add(l == layer ? bias : network.bias(l));
        }
        return new DeterministicMlp(w, b);
    }

    @Test
    void removingAUnitWhoseOutgoingWeightsAreZeroLeavesOutputsUnchanged() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {12, 9, 7, 4}, 3);
        INDArray next = network.weight(1);
        next.getRow(4).assign(0);
        network = withLayers(network, 1, next, network.bias(1));
        DeterministicMlp pruned = UnitSurgery.apply(network,
                new KeptUnits(List.of(new long[] {0, 1, 2, 3, 5, 6, 7, 8}, new long[] {0, 1, 2, 3, 4, 5, 6})));
        INDArray x = SyntheticData.inputs(100, 12, 11);
        assertArrayEquals(new int[] {12, 8, 7, 4}, pruned.widths());
        assertTrue(network.logits(x).equalsWithEps(pruned.logits(x), 1e-5));
        // removing a unit that does contribute changes the outputs: the check above can fail
        DeterministicMlp wrong = UnitSurgery.apply(network,
                new KeptUnits(List.of(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, new long[] {0, 1, 2, 3, 4, 5, 6})));
        assertFalse(network.logits(x).equalsWithEps(wrong.logits(x), 1e-5));
    }

    @Test
    void removingAUnitThatIsAlwaysOffLeavesOutputsUnchanged() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {10, 6, 3}, 5);
        INDArray w = network.weight(0);
        INDArray b = network.bias(0);
        w.getColumn(2).assign(0);
        b.putScalar(2, 0);
        network = withLayers(network, 0, w, b);
        DeterministicMlp pruned = UnitSurgery.apply(network, new KeptUnits(List.of(new long[] {0, 1, 3, 4, 5})));
        INDArray x = SyntheticData.inputs(100, 10, 12);
        assertTrue(network.logits(x).equalsWithEps(pruned.logits(x), 1e-5));
    }

    @Test
    void surgeryGivesExactParameterAndMultiplyAddCounts() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {20, 8, 6, 3}, 1);
        DeterministicMlp pruned = UnitSurgery.apply(network,
                new KeptUnits(List.of(new long[] {1, 2, 4, 6, 7}, new long[] {0, 3, 4, 5})));
        assertArrayEquals(new int[] {20, 5, 4, 3}, pruned.widths());
        assertEquals(20 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3, pruned.complexity().parameters());
        assertEquals(20 * 5 + 5 * 4 + 4 * 3, pruned.complexity().multiplyAdds());
        // surviving parameters are the original ones
        assertEquals(network.weight(1).getDouble(6, 3), pruned.weight(1).getDouble(3, 1), 0);
        assertEquals(network.bias(0).getDouble(4), pruned.bias(0).getDouble(2), 0);
    }

    @Test
    void aSingleSurvivingUnitKeepsMatrixShapes() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {5, 4, 3}, 2);
        DeterministicMlp pruned = UnitSurgery.apply(network, new KeptUnits(List.of(new long[] {3})));
        assertArrayEquals(new int[] {5, 1, 3}, pruned.widths());
        assertArrayEquals(new long[] {100, 3}, pruned.logits(SyntheticData.inputs(100, 5, 1)).shape());
    }

    @Test
    void badSelectionsAreRejected() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {5, 4, 3}, 2);
        assertThrows(IllegalArgumentException.class, () -> new KeptUnits(List.of(new long[0])));
        assertThrows(IllegalArgumentException.class, () -> new KeptUnits(List.of(new long[] {2, 1})));
        assertThrows(IllegalArgumentException.class, () -> new KeptUnits(List.of(new long[] {1, 1})));
        assertThrows(IllegalArgumentException.class,
                () -> UnitSurgery.apply(network, new KeptUnits(List.of(new long[] {0, 4}))));
        assertThrows(IllegalArgumentException.class,
                () -> UnitSurgery.apply(network, new KeptUnits(List.of(new long[] {0}, new long[] {0}))));
    }
}
