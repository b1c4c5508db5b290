package org.parsimony.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Dl4jPrunerTest {

    @TempDir
    Path dir;

    @Test
    void mlpPrunedByMuComputesTheMaskedNetworkAndReloadsSmaller() throws Exception {
        MultiLayerNetwork net = Dl4jNets.mlp(1);
        DataSet data = Dl4jNets.data(600, 2, false, CNN2DFormat.NCHW);
        Dl4jNets.fit(net, data, 1);
        DependencyGraph graph = DependencyGraph.of(net);
        assertArrayEquals(new int[] {128, 64}, graph.widths());
        PseudoBootstrapListener listener = new PseudoBootstrapListener(graph, 10);
        net.addListeners(listener);
        Dl4jNets.fit(net, data, 1);
        assertEquals(10, listener.recorder().size());

        Dl4jPruning pruning = new Dl4jPruner(new MagnitudeUncertaintyCriterion(), 0.5)
                .prune(net, graph, GroupStatistics.fromPseudoBootstrap(net, listener));

        assertArrayEquals(new int[] {64, 32}, pruning.widthsAfter());
        assertOutputsEqualMasked(net, pruning, Dl4jNets.data(100, 3, false, CNN2DFormat.NCHW).getFeatures());
        MultiLayerNetwork reloaded = saveAndRestore(pruning.network());
        assertEquals(64, nOut(reloaded, 0));
        assertEquals(64, nIn(reloaded, 1));
        assertEquals(32, nOut(reloaded, 1));
        assertEquals(32, nIn(reloaded, 2));
        assertEquals(10, nOut(reloaded, 2));
        assertInstanceOf(Adam.class, reloaded.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W"));
        INDArray x = Dl4jNets.data(100, 3, false, CNN2DFormat.NCHW).getFeatures();
        assertTrue(reloaded.output(x).equalsWithEps(pruning.network().output(x), 1e-6));
    }

    @Test
    void lenetWithBatchNormPrunedByMagnitudeComputesTheMaskedNetwork() throws Exception {
        MultiLayerNetwork net = Dl4jNets.lenet(1, CNN2DFormat.NCHW, 8, 16, 32);
        DataSet data = Dl4jNets.data(300, 2, true, CNN2DFormat.NCHW);
        Dl4jNets.fit(net, data, 1);
        DependencyGraph graph = DependencyGraph.of(net);
        assertArrayEquals(new int[] {8, 16, 32}, graph.widths());
        assertEquals(List.of(1), graph.group(0).followers());
        assertEquals(16, graph.group(1).consumers().get(0).positions());

        Dl4jPruning pruning = new Dl4jPruner(new MagnitudeCriterion(), 0.5)
                .prune(net, graph, GroupStatistics.pointEstimate(net, graph));

        assertArrayEquals(new int[] {4, 8, 16}, pruning.widthsAfter());
        assertOutputsEqualMasked(net, pruning, Dl4jNets.data(100, 3, true, CNN2DFormat.NCHW).getFeatures());
        MultiLayerNetwork reloaded = saveAndRestore(pruning.network());
        assertEquals(4, nOut(reloaded, 0));
        assertEquals(4, nOut(reloaded, 1));
        assertEquals(4, nIn(reloaded, 3));
        assertEquals(8, nOut(reloaded, 3));
        assertEquals(8 * 4 * 4, nIn(reloaded, 6));
        Dl4jNets.fit(reloaded, data, 1); // ready for the user's own fit
        assertTrue(Double.isFinite(reloaded.score()));
    }

    @Test
    void channelsLastFlattenOrderIsRespected() {
        MultiLayerNetwork net = Dl4jNets.lenet(4, CNN2DFormat.NHWC, 6, 10, 16);
        Dl4jNets.fit(net, Dl4jNets.data(200, 2, true, CNN2DFormat.NHWC), 1);
        DependencyGraph graph = DependencyGraph.of(net);
        assertTrue(graph.group(1).consumers().get(0).channelsLast());

        Dl4jPruning pruning = new Dl4jPruner(new RandomCriterion(9), 0.4)
                .prune(net, graph, GroupStatistics.pointEstimate(net, graph));

        assertOutputsEqualMasked(net, pruning, Dl4jNets.data(100, 3, true, CNN2DFormat.NHWC).getFeatures());
    }

    @Test
    void eachChannelFeedsItsRowsOfTheFlattenInDl4jsOrder() {
        // channels 1 and 3 of 4, 4 positions each: NCHW rows c*4 + q, NHWC rows p*4 + c
        GroupInput nchw = new GroupInput(6, 4, false);
        GroupInput nhwc = new GroupInput(6, 4, true);
        assertArrayEquals(new long[] {4, 5, 6, 7, 12, 13, 14, 15}, nchw.rowsFedBy(new long[] {1, 3}, 4));
        assertArrayEquals(new long[] {1, 3, 5, 7, 9, 11, 13, 15}, nhwc.rowsFedBy(new long[] {1, 3}, 4));
    }

    @Test
    void randomScoresDifferBetweenGroupsOfOneSize() {
        MultiLayerNetwork net = Dl4jNets.lenet(1, CNN2DFormat.NCHW, 16, 16, 16);
        DependencyGraph graph = DependencyGraph.of(net);
        List<long[]> kept = new Dl4jPruner(new RandomCriterion(3), 0.5).select(graph, GroupStatistics.pointEstimate(net, graph));
        assertTrue(!Arrays.equals(kept.get(0), kept.get(1)) || !Arrays.equals(kept.get(1), kept.get(2)));
    }

    private static void assertOutputsEqualMasked(MultiLayerNetwork net, Dl4jPruning pruning, INDArray x) {
        MultiLayerNetwork masked = Dl4jSurgery.mask(net, pruning.graph(), pruning.kept());
        INDArray expected = masked.output(x);
        INDArray actual = pruning.network().output(x);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5, "max |pruned - masked| = " + diff);
        // the mask changes the outputs: the comparison could fail
        assertTrue(net.output(x).sub(expected).amaxNumber().doubleValue() > 1e-4);
    }

    private MultiLayerNetwork saveAndRestore(MultiLayerNetwork net) throws Exception {
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        return ModelSerializer.restoreMultiLayerNetwork(file);
    }

    private static long nOut(MultiLayerNetwork net, int layer) {
        return ((FeedForwardLayer) net.getLayerWiseConfigurations().getConf(layer).getLayer()).getNOut();
    }

    private static long nIn(MultiLayerNetwork net, int layer) {
        return ((FeedForwardLayer) net.getLayerWiseConfigurations().getConf(layer).getLayer()).getNIn();
    }
}
