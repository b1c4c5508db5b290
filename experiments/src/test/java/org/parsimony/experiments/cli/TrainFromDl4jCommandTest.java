package org.parsimony.experiments.cli;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.io.ModelFiles;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.DeterministicNetwork;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainFromDl4jCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDl4jArchitectureIsTrainedVariationallyAndHandedBackWithTheDecidedWidths() throws IOException {
        Path zip = save(mlp(Activation.RELU), "mlp.zip");

        CommandRun run = CommandRun.of("train", "--from", zip.toString(), "--epochs", "3", "--fine-tune", "1",
                "--out", dir.resolve("out").toString());

        assertEquals(0, run.exitCode(), run.err());
        DeterministicNetwork ours = ModelFiles.load(dir.resolve("out/model.sdz"));
        MultiLayerNetwork dl4j = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("out/model.zip").toFile());
        int[] widths = ours.widths();
        assertEquals(784, widths[0]);
        for (int l = 0; l < 3; l++) {
            assertEquals(widths[l], ((FeedForwardLayer) dl4j.getLayerWiseConfigurations().getConf(l).getLayer()).getNIn());
            assertEquals(widths[l + 1], ((FeedForwardLayer) dl4j.getLayerWiseConfigurations().getConf(l).getLayer()).getNOut());
        }
        assertInstanceOf(Nesterovs.class, dl4j.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W"));
        TrainTestSplit data = IdxImageDataset.bundledFashionMnistSubset();
        INDArray x = Minibatch.of(data.test(), IntStream.range(0, 100).toArray(), 0, 100).features();
        INDArray expected = Transforms.softmax(ours.logits(x));
        double diff = dl4j.output(x).sub(expected).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5, "max |DL4J - ours| = " + diff);
    }

    @Test
    void architecturesThatAreNotDenseReluMlpsAreRefusedInOneLine() throws IOException {
        Path sigmoid = save(mlp(Activation.SIGMOID), "sigmoid.zip");
        CommandRun run = CommandRun.of("train", "--from", sigmoid.toString(), "--epochs", "1", "--out", dir.resolve("a").toString());
        assertEquals(1, run.exitCode());
        assertEquals("error: " + sigmoid + ": layer 0 has activation sigmoid; our MLPs use ReLU", run.err().strip());

        Path relu = save(mlp(Activation.RELU), "relu.zip");
        CommandRun both = CommandRun.of("train", "--from", relu.toString(), "--widths", "5", "--out", dir.resolve("b").toString());
        assertEquals(1, both.exitCode());
        assertTrue(both.err().strip().startsWith("error: --from takes the architecture from"), both.err());
        assertEquals(1, both.err().strip().lines().count());
    }

    private Path save(MultiLayerNetwork net, String name) throws IOException {
        Path file = dir.resolve(name);
        ModelSerializer.writeModel(net, file.toFile(), true);
        return file;
    }

    private static MultiLayerNetwork mlp(Activation hidden) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Nesterovs(0.01, 0.9)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(24).activation(hidden).build())
                .layer(new DenseLayer.Builder().nOut(12).activation(hidden).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
