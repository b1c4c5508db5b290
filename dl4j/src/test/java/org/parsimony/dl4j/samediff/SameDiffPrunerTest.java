package org.parsimony.dl4j.samediff;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.parsimony.pruning.criteria.MagnitudeCriterion;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SameDiffPrunerTest {

    @Test
    void denseUnitsOfAGraphArePrunedAndItsOutputsEqualTheMaskedGraphs() {
        SameDiff sd = mlp(false);
        List<SameDiffPruner.DenseGroup> groups = SameDiffPruner.groups(sd);
        assertEquals(List.of(new SameDiffPruner.DenseGroup("w0", "b0", "w1", 16), new SameDiffPruner.DenseGroup("w1", "b1", "w2", 8)),
                groups);

        List<long[]> kept = SameDiffPruner.select(sd, groups, new MagnitudeCriterion(), 0.5);
        SameDiff pruned = SameDiffPruner.keep(sd, groups, kept);

        assertEquals(8, pruned.getArrForVarName("w0").size(1));
        assertEquals(8, pruned.getArrForVarName("w1").size(0));
        assertEquals(4, pruned.getArrForVarName("w1").size(1));
        assertEquals(4, pruned.getArrForVarName("w2").size(0));
        SameDiff masked = sd.dup();
        mask(masked, "w1", kept.get(0));
        mask(masked, "w2", kept.get(1));
        INDArray x = Nd4j.rand(DataType.FLOAT, 100, 20);
        INDArray expected = masked.outputSingle(Map.of("in", x), "out");
        INDArray actual = pruned.outputSingle(Map.of("in", x), "out");
        assertTrue(expected.sub(actual).amaxNumber().doubleValue() <= 1e-5);
        assertTrue(sd.outputSingle(Map.of("in", x), "out").sub(expected).amaxNumber().doubleValue() > 1e-4);
    }

    @Test
    void aGraphWhoseUnitsReachAnUnknownOpIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SameDiffPruner.groups(mlp(true)));
        assertTrue(e.getMessage().startsWith("cannot prune the units of 'w0': they reach op '")
                && e.getMessage().endsWith("(softmax), which is not a matmul, bias add or element-wise activation"), e.getMessage());
    }

    /** in [?, 20] -> 16 (relu) -> 8 (tanh) -> 3 softmax; with {@code mix}, a softmax over the first hidden layer. */
    private static SameDiff mlp(boolean mix) {
        Nd4j.getRandom().setSeed(4);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 20);
        SDVariable w0 = sd.var("w0", Nd4j.randn(DataType.FLOAT, 20, 16));
        SDVariable b0 = sd.var("b0", Nd4j.randn(DataType.FLOAT, 16));
        SDVariable h0 = sd.nn.relu(in.mmul(w0).add(b0), 0);
        if (mix) {
            h0 = sd.nn.softmax(h0); // mixes the units: each output depends on all of them
        }
        SDVariable w1 = sd.var("w1", Nd4j.randn(DataType.FLOAT, 16, 8));
        SDVariable b1 = sd.var("b1", Nd4j.randn(DataType.FLOAT, 8));
        SDVariable h1 = sd.math.tanh(h0.mmul(w1).add(b1));
        SDVariable w2 = sd.var("w2", Nd4j.randn(DataType.FLOAT, 8, 3));
        SDVariable b2 = sd.var("b2", Nd4j.randn(DataType.FLOAT, 3));
        sd.nn.softmax("out", h1.mmul(w2).add(b2));
        return sd;
    }

    private static void mask(SameDiff sd, String consumer, long[] kept) {
        INDArray w = sd.getArrForVarName(consumer).dup();
        for (long r = 0; r < w.size(0); r++) {
            if (java.util.Arrays.binarySearch(kept, r) < 0) {
                w.get(NDArrayIndex.point(r), NDArrayIndex.all()).assign(0);
            }
        }
        sd.setArrayForVariable(consumer, w);
    }
}
