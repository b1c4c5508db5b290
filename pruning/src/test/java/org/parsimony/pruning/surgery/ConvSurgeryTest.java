package org.parsimony.pruning.surgery;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.TinyConvNet;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.variational.network.DeterministicConvNet;
import org.parsimony.variational.network.DeterministicNetwork;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filter surgery on a conv net: the next kernel's input channel and the flattened rows of a channel go with the filter. */
class ConvSurgeryTest {

    @Test
    void removingFiltersAndUnitsWhoseOutgoingWeightsAreZeroLeavesTheLogitsUnchanged() {
        DeterministicNetwork network = LikelihoodGraphTrainer.initialize(TinyConvNet.ARCHITECTURE, 4);
        // filter 1 of conv1 feeds input channel 1 of conv2's kernel [2, 2, 4, 3]
        INDArray conv2 = network.weight(1);
        conv2.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all()).assign(0);
        network = TinyConvNet.withWeight(network, 1, conv2);
        // filter 2 of conv2 (2x2 outputs) feeds rows 8..11 of the dense layer after the flatten
        INDArray dense = network.weight(2);
        dense.get(NDArrayIndex.interval(8, 12), NDArrayIndex.all()).assign(0);
        network = TinyConvNet.withWeight(network, 2, dense);
        // dense unit 0 feeds row 0 of the output layer
        INDArray output = network.weight(3);
        output.getRow(0).assign(0);
        network = TinyConvNet.withWeight(network, 3, output);

        DeterministicNetwork pruned = UnitSurgery.apply(network,
                new KeptUnits(List.of(new long[] {0, 2, 3}, new long[] {0, 1}, new long[] {1, 2, 3, 4})));

        assertInstanceOf(DeterministicConvNet.class, pruned);
        assertArrayEquals(new int[] {64, 3, 2, 4, 3}, pruned.widths());
        assertArrayEquals(new long[] {3, 3, 1, 3}, pruned.weight(0).shape());
        assertArrayEquals(new long[] {2, 2, 3, 2}, pruned.weight(1).shape());
        assertArrayEquals(new long[] {8, 4}, pruned.weight(2).shape());
        INDArray x = SyntheticData.inputs(16, 64, 2);
        INDArray before = network.logits(x);
        assertTrue(before.equalsWithEps(pruned.logits(x), 1e-5), "logits unchanged");
        // conv1 3*3*1*3 + 3 on 6x6 positions, conv2 2*2*3*2 + 2 on 2x2, dense 8*4 + 4, output 4*3 + 3
        assertEquals(30 + 26 + 36 + 15, pruned.complexity().parameters());
        assertEquals(36 * 27 + 4 * 24 + 32 + 12, pruned.complexity().multiplyAdds());
    }

    @Test
    void removingAFilterThatStillFeedsTheNextLayerChangesTheLogits() {
        DeterministicNetwork network = LikelihoodGraphTrainer.initialize(TinyConvNet.ARCHITECTURE, 4);
        DeterministicNetwork pruned = UnitSurgery.apply(network,
                new KeptUnits(List.of(new long[] {0, 2, 3}, new long[] {0, 1, 2}, new long[] {0, 1, 2, 3, 4})));
        INDArray x = SyntheticData.inputs(16, 64, 2);
        assertFalse(network.logits(x).equalsWithEps(pruned.logits(x), 1e-5), "the surgery checks something");
    }
}
