package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch normalisation in the deterministic conv net: the explicit normalisation, and its fold into the convolution. */
class BatchNormFoldingTest {
    /** 3x8x8 -> conv3-6 same + bn -> conv3-5 same + bn + pool -> dense 7 -> 4 classes. */
    private static final Architecture NET = new Architecture("bn", new ImageShape(3, 8, 8), List.of(
            LayerSpec.conv(6, 3, ConvPadding.SAME, false).withBatchNorm(true),
            LayerSpec.conv(5, 3, ConvPadding.SAME, true).withBatchNorm(true), LayerSpec.dense(7), LayerSpec.dense(4)));

    private static DeterministicConvNet randomNet(long seed) {
        Nd4j.getRandom().setSeed(seed);
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        List<BatchNormState> norms = new ArrayList<>();
        for (int l = 0; l < NET.layerCount(); l++) {
            LayerSpec spec = NET.layer(l);
            long[] shape = NET.weightShape(l);
            weights.add(Nd4j.randn(DataType.FLOAT, shape).muli(spec.kind() == LayerKind.CONV ? 0.4 : 0.05));
            biases.add(Nd4j.randn(DataType.FLOAT, spec.units()).muli(0.3));
            int n = spec.units();
            norms.add(spec.batchNorm() ? new BatchNormState(Nd4j.rand(DataType.FLOAT, 1, n).addi(0.5),
                    Nd4j.randn(DataType.FLOAT, 1, n).muli(0.5), Nd4j.randn(DataType.FLOAT, 1, n),
                    Nd4j.rand(DataType.FLOAT, 1, n).addi(0.2)) : null);
        }
        return new DeterministicConvNet(NET, weights, biases, norms);
    }

    @Test
    void foldingTheNormalisationsKeepsTheOutputsTo1e5() {
        DeterministicConvNet explicit = randomNet(5);
        DeterministicConvNet folded = explicit.folded();
        assertFalse(folded.architecture().hasBatchNorm());
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, NET.input().features());
        INDArray before = explicit.logits(x);
        INDArray after = folded.logits(x);
        assertTrue(before.amaxNumber().doubleValue() > 0.1, "the logits are not trivially zero");
        assertEquals(0, before.sub(after).amaxNumber().doubleValue(), 1e-5);
        // the normalisation does act: without it the logits differ
        DeterministicConvNet plain = new DeterministicConvNet(NET.withBatchNorm(false),
                List.of(explicit.weight(0), explicit.weight(1), explicit.weight(2), explicit.weight(3)),
                List.of(explicit.bias(0), explicit.bias(1), explicit.bias(2), explicit.bias(3)));
        assertTrue(plain.logits(x).sub(before).amaxNumber().doubleValue() > 1e-2);
    }

    @Test
    void theExplicitNormalisationIsTheFormula() {
        Architecture one = new Architecture("one", new ImageShape(1, 3, 3), List.of(
                LayerSpec.conv(2, 1, ConvPadding.VALID, false).withBatchNorm(true), LayerSpec.dense(2)));
        INDArray kernel = Nd4j.create(new float[] {2f, -1f}, new long[] {1, 1, 1, 2});
        INDArray bias = Nd4j.create(new float[] {0.5f, 0f});
        BatchNormState norm = new BatchNormState(Nd4j.create(new float[][] {{3f, 1f}}),
                Nd4j.create(new float[][] {{0.25f, -1f}}), Nd4j.create(new float[][] {{1f, 2f}}),
                Nd4j.create(new float[][] {{4f, 0f}}));
        INDArray dense = Nd4j.zeros(DataType.FLOAT, 18, 2);
        dense.putScalar(0, 0, 1f);   // logit 0 reads channel 0 at pixel 0
        dense.putScalar(9, 1, 1f);   // logit 1 reads channel 1 at pixel 0
        DeterministicConvNet net = new DeterministicConvNet(one, List.of(kernel, dense), List.of(bias, Nd4j.zeros(2)),
                java.util.Arrays.asList(norm, null));
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 9);
        x.putScalar(0, 0, 1.5f);
        INDArray logits = net.logits(x);
        // channel 0: a = 2 * 1.5 + 0.5 = 3.5 -> 3 (3.5 - 1) / sqrt(4 + 1e-5) + 0.25; channel 1: a = -1.5 -> relu(...) = 0
        assertEquals(Math.max(0, 3 * 2.5 / Math.sqrt(4 + 1e-5) + 0.25), logits.getDouble(0, 0), 1e-5);
        assertEquals(Math.max(0, (-1.5 - 2) / Math.sqrt(1e-5) - 1), logits.getDouble(0, 1), 1e-5);
    }

    @Test
    void aMissingOrExtraNormalisationIsRefused() {
        DeterministicConvNet explicit = randomNet(1);
        List<INDArray> w = List.of(explicit.weight(0), explicit.weight(1), explicit.weight(2), explicit.weight(3));
        List<INDArray> b = List.of(explicit.bias(0), explicit.bias(1), explicit.bias(2), explicit.bias(3));
        assertThrows(IllegalArgumentException.class, () -> new DeterministicConvNet(NET, w, b,
                java.util.Arrays.asList(null, BatchNormState.initial(5), null, null)));
        assertThrows(IllegalArgumentException.class, () -> new DeterministicConvNet(NET, w, b,
                java.util.Arrays.asList(BatchNormState.initial(4), BatchNormState.initial(5), null, null)));
    }
}
