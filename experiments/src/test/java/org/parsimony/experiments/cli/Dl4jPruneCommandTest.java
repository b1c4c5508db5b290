package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.parsimony.dl4j.Dl4jData;
import org.parsimony.dl4j.Dl4jNetwork;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.TrainTestSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Dl4jPruneCommandTest {
    @TempDir
    Path dir;

    @Test
    void aDl4jMlpIsPrunedFineTunedWithDl4jAndWrittenAsASmallerZip() throws IOException {
        Path zip = save(train(mlp(784, 10)), "mlp.zip");

        CommandRun run = CommandRun.of("prune", "--model", zip.toString(), "--criterion", "mu", "--ratio", "0.5",
                "--fine-tune", "1", "--bootstrap-window", "20", "--out", dir.resolve("out").toString());

        assertEquals(0, run.exitCode(), run.err());
        MultiLayerNetwork pruned = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("out/model.zip").toFile());
        assertEquals(16, nOut(pruned, 0));
        assertEquals(16, nIn(pruned, 1));
        assertEquals(8, nOut(pruned, 1));
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/prune.json").toFile());
        assertTrue(report.get("maskedMaxAbsDifference").asDouble() <= 1e-5, report.toString());
        assertEquals(16, report.get("kept").get(0).size());
        // one epoch of DL4J fit (learning rate annealed to 0) recovers much of what the cut lost
        assertTrue(report.get("accuracyFineTuned").asDouble() > report.get("accuracyPruned").asDouble() + 0.1, report.toString());
    }

    @Test
    void aDl4jConvNetWithBatchNormIsPrunedFilterWise() throws IOException {
        Path zip = save(train(lenet()), "lenet.zip");

        CommandRun run = CommandRun.of("prune", "--model", zip.toString(), "--criterion", "magnitude", "--ratio", "0.5",
                "--fine-tune", "0", "--out", dir.resolve("out").toString());

        assertEquals(0, run.exitCode(), run.err());
        MultiLayerNetwork pruned = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("out/model.zip").toFile());
        assertEquals(2, nOut(pruned, 0));
        assertEquals(2, nOut(pruned, 1)); // batch norm follows its filters
        assertEquals(2, nIn(pruned, 3));
        assertEquals(4 * 4 * 4, nIn(pruned, 6)); // 4 of 8 filters, 4x4 positions each, after the flatten
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/prune.json").toFile());
        assertTrue(report.get("maskedMaxAbsDifference").asDouble() <= 1e-5, report.toString());
    }

    @Test
    void aResidualComputationGraphIsPrunedWithItsCoupledUnitsTogether() throws IOException {
        ComputationGraph net = residualGraph();
        TrainTestSplit split = IdxImageDataset.bundledFashionMnistSubset();
        new Dl4jData(Dl4jNetwork.of(net), split.train(), split.image()).fitSteps(split.train(), 40, 64, 1);
        Path zip = dir.resolve("residual.zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);

        for (String criterion : new String[] {"magnitude", "mu"}) {
            Path out = dir.resolve("out-" + criterion);
            CommandRun run = CommandRun.of("prune", "--model", zip.toString(), "--criterion", criterion, "--ratio", "0.5",
                    "--fine-tune", "1", "--bootstrap-window", "20", "--out", out.toString());

            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("DL4J ComputationGraph of 5 layers"), run.out());
            ComputationGraph pruned = ModelSerializer.restoreComputationGraph(out.resolve("model.zip").toFile());
            // d0 and d2 meet in the residual add: one group of 32, cut to 16 in both; d1's 16 units to 8
            assertEquals(16, nOut(pruned, "d0"));
            assertEquals(16, nOut(pruned, "d2"));
            assertEquals(16, nIn(pruned, "d1"));
            assertEquals(16, nIn(pruned, "out"));
            assertEquals(8, nOut(pruned, "d1"));
            assertEquals(8, nIn(pruned, "d2"));
            JsonNode report = new ObjectMapper().readTree(out.resolve("prune.json").toFile());
            assertEquals("dl4j-computationgraph", report.get("format").asText());
            assertEquals("[32,16]", report.get("widthsBefore").toString());
            assertEquals("[16,8]", report.get("widthsAfter").toString());
            assertTrue(report.get("maskedMaxAbsDifference").asDouble() < 1e-5, report.toString());
            assertTrue(report.get("paramsAfter").asLong() < report.get("paramsBefore").asLong() / 2, report.toString());
            assertTrue(report.get("accuracyFineTuned").asDouble() > 0.5, report.toString());
        }
    }

    @Test
    void badDl4jInputsGiveOneLineErrors() throws IOException {
        Path notZip = Files.writeString(dir.resolve("text.zip"), "not a zip");
        Path noConfiguration = zipWith("empty.zip", "readme.txt");
        Path noCoefficients = zipWith("conf-only.zip", ModelSerializer.CONFIGURATION_JSON);
        Path wrongInputs = save(mlp(100, 10), "mlp100.zip");
        Path wrongClasses = save(mlp(784, 3), "mlp3.zip");
        Path graph = dir.resolve("graph.zip");
        ModelSerializer.writeModel(twoOutputGraph(), graph.toFile(), false);

        assertOneLineError(run(notZip, "magnitude"), "text.zip: not a zip archive");
        assertOneLineError(run(dir.resolve("missing.zip"), "magnitude"), "missing.zip: no such file");
        assertOneLineError(run(noConfiguration, "magnitude"), "empty.zip: not a DL4J model zip: no configuration.json");
        assertOneLineError(run(noCoefficients, "magnitude"), "conf-only.zip: DL4J model zip without coefficients.bin");
        assertOneLineError(run(graph, "magnitude"), "graph.zip: holds a ComputationGraph with 1 input and 2 outputs; "
                + "only a graph with one input and one output can be pruned");
        Path twoInputs = dir.resolve("two-inputs.zip");
        ModelSerializer.writeModel(twoInputGraph(), twoInputs.toFile(), false);
        assertOneLineError(run(twoInputs, "magnitude"), "two-inputs.zip: holds a ComputationGraph with 2 inputs and 1 output; ");
        assertOneLineError(run(wrongInputs, "magnitude"), "the model's first layer has 100 inputs, the data 784 features");
        assertOneLineError(run(wrongClasses, "magnitude"), "the model's output layer has 3 outputs, the data 10 classes");
        assertOneLineError(run(save(mlp(784, 10), "ok.zip"), "sipp"), "--criterion sipp is not available for a DL4J model");
        byte[] whole = Files.readAllBytes(dir.resolve("ok.zip"));
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertOneLineError(run(truncated, "magnitude"), "truncated.zip: not a zip archive");
        Path garbage = dir.resolve("garbage.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(garbage))) {
            for (String entry : new String[] {ModelSerializer.CONFIGURATION_JSON, ModelSerializer.COEFFICIENTS_BIN}) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("{\"confs\": 3}".getBytes());
                zip.closeEntry();
            }
        }
        assertOneLineError(run(garbage, "magnitude"), "garbage.zip: DL4J cannot restore it as a MultiLayerNetwork: ");
    }

    private CommandRun run(Path model, String criterion) {
        return CommandRun.of("prune", "--model", model.toString(), "--criterion", criterion, "--ratio", "0.5",
                "--fine-tune", "0", "--out", dir.resolve("bad").toString());
    }

    private static void assertOneLineError(CommandRun run, String expected) {
        assertEquals(1, run.exitCode(), run.out());
        String err = run.err().strip();
        assertTrue(err.startsWith("error: ") && err.contains(expected), err);
        assertEquals(1, err.lines().count(), err);
    }

    private Path zipWith(String name, String entry) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("{}".getBytes());
            zip.closeEntry();
        }
        return file;
    }

    private Path save(MultiLayerNetwork net, String name) throws IOException {
        Path file = dir.resolve(name);
        ModelSerializer.writeModel(net, file.toFile(), true);
        return file;
    }

    /** Two short passes of DL4J's fit over the bundled subset. */
    private static MultiLayerNetwork train(MultiLayerNetwork net) {
        TrainTestSplit split = IdxImageDataset.bundledFashionMnistSubset();
        new Dl4jData(net, split.train(), split.image()).fitSteps(split.train(), 40, 64, 1);
        return net;
    }

    private static MultiLayerNetwork mlp(int inputs, int classes) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(32).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(inputs)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork lenet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static ComputationGraph twoOutputGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(784).nOut(8).build(), "in")
                .addLayer("out", new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX).build(), "dense")
                .addLayer("out2", new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out", "out2").setInputTypes(InputType.feedForward(784)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static ComputationGraph twoInputGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("a", "b")
                .addVertex("both", new MergeVertex(), "a", "b")
                .addLayer("dense", new DenseLayer.Builder().nOut(8).build(), "both")
                .addLayer("out", new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").setInputTypes(InputType.feedForward(392), InputType.feedForward(392)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** in -> d0 (32) -> d1 (16) -> d2 (32) -> add(d0, d2) -> relu -> out (10): one dense residual block. */
    private static ComputationGraph residualGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .graphBuilder().addInputs("in")
                .addLayer("d0", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "in")
                .addLayer("d1", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "d0")
                .addLayer("d2", new DenseLayer.Builder().nOut(32).activation(Activation.IDENTITY).build(), "d1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "d0", "d2")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build(), "act")
                .setOutputs("out").setInputTypes(InputType.feedForward(784)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static long nOut(MultiLayerNetwork net, int layer) {
        return ((FeedForwardLayer) net.getLayerWiseConfigurations().getConf(layer).getLayer()).getNOut();
    }

    private static long nIn(MultiLayerNetwork net, int layer) {
        return ((FeedForwardLayer) net.getLayerWiseConfigurations().getConf(layer).getLayer()).getNIn();
    }

    private static long nOut(ComputationGraph net, String layer) {
        return ((FeedForwardLayer) net.getLayer(layer).conf().getLayer()).getNOut();
    }

    private static long nIn(ComputationGraph net, String layer) {
        return ((FeedForwardLayer) net.getLayer(layer).conf().getLayer()).getNIn();
    }
}
