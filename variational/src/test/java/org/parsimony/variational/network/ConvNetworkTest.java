package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conv architectures: exact parameter and multiply-add counts, and the deterministic conv net they decide into. */
class ConvNetworkTest {
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @Test
    void lenet5CountsEqualTheHandComputedNumbers() {
        Architecture lenet = Architecture.lenet5(MNIST, 10);
        assertArrayEquals(new int[] {784, 20, 50, 500, 10}, lenet.widths());
        assertEquals(new ImageShape(50, 4, 4), lenet.outputShape(1));
        // conv1 5*5*1*20 + 20, conv2 50*20*25 + 50, dense 800*500 + 500, output 500*10 + 10
        assertEquals(520 + 25050 + 400500 + 5010, lenet.complexity().parameters());
        // conv1 24*24 positions * 25*20, conv2 8*8 * 25*20*50, dense 800*500, output 500*10
        assertEquals(24 * 24 * 500 + 64 * 25000 + 400000 + 5000, lenet.complexity().multiplyAdds());

        DeterministicNetwork dense = VariationalNetwork.initialize(lenet, 0.01, 0.9, 1).toDeterministic();
        assertEquals(431080, dense.complexity().parameters());
        assertEquals(2293000, dense.complexity().multiplyAdds());
    }

    @Test
    void smallVggCountsEqualTheHandComputedNumbers() {
        Architecture vgg = Architecture.smallVgg(MNIST, 10);
        assertEquals(new ImageShape(64, 7, 7), vgg.outputShape(3));
        assertEquals(320 + 9248 + 18496 + 36928 + (3136 * 256 + 256) + 2570, vgg.complexity().parameters());
        assertEquals(28 * 28 * 9 * 32 + 28 * 28 * 9 * 32 * 32 + 14 * 14 * 9 * 32 * 64 + 14 * 14 * 9 * 64 * 64
                + 3136 * 256 + 2560, vgg.complexity().multiplyAdds());
    }

    @Test
    void anMlpArchitectureCountsLikeTheDenseFormula() {
        Architecture mlp = Architecture.mlp(784, new int[] {300, 100}, 10);
        DenseComplexity dense = new DenseComplexity(new int[] {784, 300, 100, 10});
        assertEquals(dense.parameters(), mlp.complexity().parameters());
        assertEquals(dense.multiplyAdds(), mlp.complexity().multiplyAdds());
    }

    @Test
    void closedFiltersVanishFromTheDeterministicNetWithoutChangingItsOutputs() {
        VariationalNetwork network = VariationalNetwork.initialize(Architecture.lenet5(MNIST, 10), 0.01, 1.0, 4);
        INDArray x = Nd4j.rand(3, 784);
        // silence filter 2 of conv1 (conv2 ignores input channel 2) and filter 7 of conv2 (dense rows 7*16..7*16+15)
        network.layer(1).weightMean().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.all()).assign(0);
        network.layer(2).weightMean().get(NDArrayIndex.interval(7 * 16, 8 * 16), NDArrayIndex.all()).assign(0);
        network.layer(2).weightMean().getColumn(11).assign(0);
        INDArray reference = network.toDeterministic().logits(x);
        network.layer(0).gate().putScalar(2, 0.2);
        network.layer(1).gate().putScalar(7, 0.3);
        network.layer(2).gate().putScalar(11, 0.1);
        DeterministicNetwork pruned = network.toDeterministic();
        assertArrayEquals(new int[] {784, 19, 49, 499, 10}, pruned.widths());
        assertTrue(reference.equalsWithEps(pruned.logits(x), 1e-4), reference + " vs " + pruned.logits(x));
        // 25*19 + 19, 25*19*49 + 49, 49*16*499 + 499, 499*10 + 10
        assertEquals(494 + 23324 + 391715 + 5000, pruned.complexity().parameters());
    }

    @Test
    void impossibleArchitecturesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Architecture("x", new ImageShape(1, 4, 4),
                List.of(LayerSpec.conv(3, 5, ConvPadding.VALID, false), LayerSpec.dense(2))));
        assertThrows(IllegalArgumentException.class, () -> new Architecture("x", new ImageShape(1, 8, 8),
                List.of(LayerSpec.dense(4), LayerSpec.conv(3, 3, ConvPadding.SAME, false), LayerSpec.dense(2))));
        assertThrows(IllegalArgumentException.class, () -> new Architecture("x", new ImageShape(1, 8, 8),
                List.of(LayerSpec.conv(3, 3, ConvPadding.SAME, false))));
    }
}
