import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.parsimony.dl4j.Dl4jData;
import org.parsimony.dl4j.Dl4jModelFile;
import org.parsimony.dl4j.Dl4jNetwork;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.TrainTestSplit;

import java.nio.file.Path;

/**
 * The DL4J ComputationGraphs with one residual block of the issue-23 acceptance, built with DL4J's graph builder and
 * trained with its fit (Adam 1e-3, minibatches of 128), saved with ModelSerializer:
 * {@code dense}: in -> d0 (128) -> d1 (64) -> d2 (128) -> add(d0, d2) -> relu -> out;
 * {@code conv}: in -> c0 (3x3, 16) -> bn0 (relu) -> c1 (3x3, 16) -> c2 (3x3, 16) -> add(bn0, c2) -> relu -> 2x2 max
 * pool -> dense (64) -> out. Run from the repository root:
 *
 * <pre>java -cp experiments/target/parsimony.jar docs/results/dl4j/TrainResidualGraph.java dense|conv DATA_DIR EPOCHS OUT.zip [SEED]</pre>
 */
public class TrainResidualGraph {
    public static void main(String[] args) {
        String arch = args[0];
        TrainTestSplit split = IdxImageDataset.fromDirectory(Path.of(args[1]));
        int epochs = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        Nd4j.getRandom().setSeed(seed);
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("in");
        ComputationGraphConfiguration conf = switch (arch) {
            case "dense" -> g
                    .addLayer("d0", new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build(), "in")
                    .addLayer("d1", new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build(), "d0")
                    .addLayer("d2", new DenseLayer.Builder().nOut(128).activation(Activation.IDENTITY).build(), "d1")
                    .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "d0", "d2")
                    .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                    .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build(), "act")
                    .setOutputs("out").setInputTypes(InputType.feedForward(784)).build();
            case "conv" -> g
                    .addLayer("c0", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.IDENTITY).build(), "in")
                    .addLayer("bn0", new BatchNormalization.Builder().activation(Activation.RELU).build(), "c0")
                    .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build(), "bn0")
                    .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.IDENTITY).build(), "c1")
                    .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn0", "c2")
                    .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                    .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "act")
                    .addLayer("dense", new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build(), "pool")
                    .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build(), "dense")
                    .setOutputs("out").setInputTypes(InputType.convolutional(28, 28, 1)).build();
            default -> throw new IllegalArgumentException("arch must be dense or conv, got " + arch);
        };
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Dl4jNetwork network = Dl4jNetwork.of(net);
        Dl4jData feed = new Dl4jData(network, split.train(), split.image());
        long start = System.nanoTime();
        feed.fit(split.train(), epochs, 128, seed, epoch -> System.out.printf("epoch %d/%d test acc %.4f %.0fs%n", epoch, epochs,
                feed.accuracy(network, split.test()), (System.nanoTime() - start) / 1e9));
        Dl4jModelFile.save(net, out);
        System.out.println("wrote " + out.toAbsolutePath() + " (" + net.numParams() + " parameters)");
    }
}
