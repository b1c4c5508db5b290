package org.parsimony.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.parsimony.pruning.criteria.MagnitudeCriterion;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidualGraphPruningTest {
    @TempDir
    Path dir;

    @Test
    void theChannelsOfAResidualAddArePrunedTogetherAndTheOutputsEqualTheMaskedGraph() throws Exception {
        ComputationGraph net = residual(false);
        DataSet data = Dl4jNets.data(200, 2, true, CNN2DFormat.NCHW);
        for (DataSet batch : data.batchBy(50)) {
            net.fit(batch);
        }
        DependencyGraph graph = DependencyGraph.of(net);
        assertArrayEquals(new int[] {8, 6, 16}, graph.widths());
        UnitGroup block = graph.group(0);
        assertEquals(List.of(index(net, "c0"), index(net, "c2")), block.producers());
        assertEquals(List.of(index(net, "bn0")), block.followers());
        assertEquals(2, block.consumers().size()); // c1's input channels and the dense rows after the flatten

        List<long[]> kept = new Dl4jPruner(new MagnitudeCriterion(), 0.5).select(graph, GroupStatistics.pointEstimate(net, graph));
        ComputationGraph pruned = Dl4jSurgery.keep(net, graph, kept);
        ComputationGraph masked = Dl4jSurgery.mask(net, graph, kept);

        INDArray x = Dl4jNets.data(100, 3, true, CNN2DFormat.NCHW).getFeatures();
        double diff = pruned.outputSingle(x).sub(masked.outputSingle(x)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5, "max |pruned - masked| = " + diff);
        assertTrue(net.outputSingle(x).sub(masked.outputSingle(x)).amaxNumber().doubleValue() > 1e-4);
        File file = dir.resolve("graph.zip").toFile();
        ModelSerializer.writeModel(pruned, file, true);
        ComputationGraph reloaded = ModelSerializer.restoreComputationGraph(file);
        assertEquals(4, nOut(reloaded, "c0"));
        assertEquals(4, nOut(reloaded, "bn0"));
        assertEquals(4, nOut(reloaded, "c2"));
        assertEquals(4, nIn(reloaded, "c1"));
        assertEquals(3, nOut(reloaded, "c1"));
        assertEquals(3, nIn(reloaded, "c2"));
        assertEquals(4 * 14 * 14, nIn(reloaded, "dense"));
        assertTrue(reloaded.outputSingle(x).equalsWithEps(pruned.outputSingle(x), 1e-6));
        reloaded.fit(data.batchBy(50).get(0)); // ready for fit
    }

    @Test
    void channelsThatReachAConcatenationAreLeftAlone() {
        ComputationGraph net = residual(true);
        DependencyGraph graph = DependencyGraph.of(net);
        assertArrayEquals(new int[] {6, 16}, graph.widths());
        assertTrue(graph.skipped().get(0).contains("MergeVertex"), graph.skipped().toString());
    }

    /** in -> c0 -> bn0 -> c1 -> c2 -> add(bn0, c2) (or a concatenation) -> relu -> pool -> dense -> out. */
    private static ComputationGraph residual(boolean concatenate) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in")
                .addLayer("c0", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn0", new BatchNormalization.Builder().activation(Activation.RELU).build(), "c0")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build(), "bn0")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build(), "c1")
                .addVertex("add", concatenate ? new MergeVertex() : new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn0", "c2")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "act")
                .addLayer("dense", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(28, 28, 1))
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static int index(ComputationGraph net, String name) {
        org.deeplearning4j.nn.api.Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].conf().getLayer().getLayerName().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }

    private static long nOut(ComputationGraph net, String layer) {
        return ((FeedForwardLayer) net.getLayer(layer).conf().getLayer()).getNOut();
    }

    private static long nIn(ComputationGraph net, String layer) {
        return ((FeedForwardLayer) net.getLayer(layer).conf().getLayer()).getNIn();
    }
}
