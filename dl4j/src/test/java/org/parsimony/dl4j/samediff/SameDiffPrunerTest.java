package org.parsimony.dl4j.samediff;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.parsimony.dl4j.samediff.SameDiffPruner.Cut;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SameDiffPrunerTest {

    @Test
    void denseUnitsOfAGraphArePrunedAndItsOutputsEqualTheMaskedGraphs() {
        SameDiff sd = mlp(false);
        List<SameDiffPruner.UnitGroup> groups = SameDiffPruner.groups(sd);
        assertEquals(List.of(new SameDiffPruner.UnitGroup("w0", 16, List.of(Cut.of("w0", 1), Cut.of("b0", 0), Cut.of("w1", 0))),
                new SameDiffPruner.UnitGroup("w1", 8, List.of(Cut.of("w1", 1), Cut.of("b1", 0), Cut.of("w2", 0)))), groups);

        List<long[]> kept = SameDiffPruner.select(sd, groups, new MagnitudeCriterion(), 0.5);
        SameDiff pruned = SameDiffPruner.keep(sd, groups, kept);

        assertEquals(8, pruned.getArrForVarName("w0").size(1));
        assertEquals(8, pruned.getArrForVarName("w1").size(0));
        assertEquals(4, pruned.getArrForVarName("w1").size(1));
        assertEquals(4, pruned.getArrForVarName("w2").size(0));
        SameDiff masked = SameDiffPruner.mask(sd, groups, kept);
        assertEquals(0.0, masked.getArrForVarName("w1").getRow(firstRemoved(kept.get(0))).amaxNumber().doubleValue());
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
                && e.getMessage().contains("(softmax), which is not a bias add"), e.getMessage());
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

    private static long firstRemoved(long[] kept) {
        for (long u = 0; ; u++) {
            if (java.util.Arrays.binarySearch(kept, u) < 0) {
                return u;
            }
        }
    }

    @Test
    void filtersOfAChannelsFirstConvNetWithBatchNormArePrunedWithTheirFollowers() {
        SameDiff sd = convNet(false, false);
        List<SameDiffPruner.UnitGroup> groups = SameDiffPruner.groups(sd);
        assertEquals(3, groups.size());
        assertEquals(new SameDiffPruner.UnitGroup("c0", 6, List.of(Cut.of("c0", 3), Cut.of("cb0", 0), Cut.of("mean0", 0),
                Cut.of("var0", 0), Cut.of("gamma0", 0), Cut.of("beta0", 0), Cut.of("c1", 1))), groups.get(0));
        assertEquals(new SameDiffPruner.UnitGroup("c1", 8, List.of(Cut.of("c1", 0), Cut.of("cb1", 0),
                new Cut("d0", 0, 4, false)), "reshape"), groups.get(1));
        assertPrunedEqualsMasked(sd, groups, new long[]{1, 14, 14}, new int[]{3, 4, 16});
    }

    @Test
    void filtersOfAChannelsLastConvNetAreFlattenedInterleaved() {
        SameDiff sd = convNet(true, false);
        List<SameDiffPruner.UnitGroup> groups = SameDiffPruner.groups(sd);
        assertEquals(new Cut("d0", 0, 4, true), groups.get(1).cuts().get(groups.get(1).cuts().size() - 1));
        assertEquals(Cut.of("c1", 3), groups.get(0).cuts().get(groups.get(0).cuts().size() - 1));
        assertPrunedEqualsMasked(sd, groups, new long[]{14, 14, 1}, new int[]{3, 4, 16});
    }

    @Test
    void filtersReachingAConcatenationAreRefusedNamingTheOp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SameDiffPruner.groups(convNet(false, true)));
        assertTrue(e.getMessage().startsWith("cannot prune the units of 'c1': they reach op '")
                && e.getMessage().contains("(concat)"), e.getMessage());
    }

    private static void assertPrunedEqualsMasked(SameDiff sd, List<SameDiffPruner.UnitGroup> groups, long[] image, int[] widths) {
        List<long[]> kept = SameDiffPruner.select(sd, groups, new RandomCriterion(3), 0.5);
        SameDiff pruned = SameDiffPruner.keep(sd, groups, kept);
        for (int g = 0; g < groups.size(); g++) {
            assertEquals(widths[g], kept.get(g).length);
            for (Cut cut : groups.get(g).cuts()) {
                assertEquals((long) widths[g] * cut.block(), pruned.getArrForVarName(cut.variable()).size(cut.axis()), cut.toString());
            }
        }
        SameDiff masked = SameDiffPruner.mask(sd, groups, kept);
        INDArray x = Nd4j.rand(DataType.FLOAT, 20, image[0], image[1], image[2]);
        INDArray expected = masked.outputSingle(Map.of("in", x), "out");
        INDArray actual = pruned.outputSingle(Map.of("in", x), "out");
        assertTrue(expected.sub(actual).amaxNumber().doubleValue() <= 1e-5, expected.sub(actual).amaxNumber().toString());
        assertTrue(sd.outputSingle(Map.of("in", x), "out").sub(expected).amaxNumber().doubleValue() > 1e-4,
                "the masked graph differs from the original");
    }

    /**
     * in 14x14x1 -> conv 3x3 (6, bias) -> batchnorm -> relu -> max-pool 2 -> conv 3x3 (8, bias) -> relu -> max-pool 2
     * -> flatten (8 x 2 x 2, the width written out) -> dense 32 (relu) -> dense 3 softmax; channels first with [kh, kw, in, out] weights and
     * [out, in, kh, kw] for the second conv, or channels last with [out, kh, kw, in] weights. With {@code concat}, the
     * second conv's output is also concatenated with itself before the pooling.
     */
    private static SameDiff convNet(boolean channelsLast, boolean concat) {
        Nd4j.getRandom().setSeed(7);
        SameDiff sd = SameDiff.create();
        String format = channelsLast ? "NHWC" : "NCHW";
        SDVariable in = channelsLast ? sd.placeHolder("in", DataType.FLOAT, -1, 14, 14, 1) : sd.placeHolder("in", DataType.FLOAT, -1, 1, 14, 14);
        SDVariable c0 = sd.var("c0", channelsLast ? Nd4j.randn(DataType.FLOAT, 6, 3, 3, 1) : Nd4j.randn(DataType.FLOAT, 3, 3, 1, 6));
        SDVariable h = sd.cnn().conv2d(in, c0, sd.var("cb0", Nd4j.randn(DataType.FLOAT, 6)), Conv2DConfig.builder().kH(3).kW(3)
                .dataFormat(format).weightsFormat(channelsLast ? WeightsFormat.OYXI : WeightsFormat.YXIO).build());
        h = sd.nn().batchNorm(h, sd.constant("mean0", Nd4j.randn(DataType.FLOAT, 6)), sd.constant("var0", Nd4j.rand(DataType.FLOAT, 6).add(0.5)),
                sd.var("gamma0", Nd4j.randn(DataType.FLOAT, 6)), sd.var("beta0", Nd4j.randn(DataType.FLOAT, 6)), 1e-5, channelsLast ? 3 : 1);
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(channelsLast).build();
        h = sd.cnn().maxPooling2d(sd.nn().relu(h, 0), pool);
        SDVariable c1 = sd.var("c1", channelsLast ? Nd4j.randn(DataType.FLOAT, 8, 3, 3, 6) : Nd4j.randn(DataType.FLOAT, 8, 6, 3, 3));
        h = sd.nn().relu(sd.cnn().conv2d(h, c1, sd.var("cb1", Nd4j.randn(DataType.FLOAT, 8)), Conv2DConfig.builder().kH(3).kW(3)
                .dataFormat(format).weightsFormat(channelsLast ? WeightsFormat.OYXI : WeightsFormat.OIYX).build()), 0);
        if (concat) {
            h = sd.concat(channelsLast ? 3 : 1, h, h);
        }
        h = sd.cnn().maxPooling2d(h, pool);
        // the flattened width as the op's integer arguments (channels first) or as a constant shape input (channels last)
        h = channelsLast ? sd.reshape(h, sd.constant("shape", Nd4j.createFromArray(-1L, 32L))) : sd.reshape(h, -1, 32);
        SDVariable d0 = sd.var("d0", Nd4j.randn(DataType.FLOAT, 32, 32).mul(0.2));
        h = sd.nn().relu(h.mmul(d0).add(sd.var("db0", Nd4j.randn(DataType.FLOAT, 32))), 0);
        SDVariable d1 = sd.var("d1", Nd4j.randn(DataType.FLOAT, 32, 3).mul(0.2));
        sd.nn.softmax("out", h.mmul(d1).add(sd.var("db1", Nd4j.randn(DataType.FLOAT, 3))));
        return sd;
    }
}
