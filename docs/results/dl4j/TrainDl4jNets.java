import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.parsimony.dl4j.Dl4jData;
import org.parsimony.dl4j.Dl4jModelFile;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.TrainTestSplit;

import java.nio.file.Path;

/**
 * The DL4J networks of the issue-23 acceptance, built and trained as a DL4J user would (DL4J configuration builders,
 * Adam 1e-3, DL4J's fit on minibatches of 128), saved with ModelSerializer. Run from the repository root:
 *
 * <pre>java -cp experiments/target/parsimony.jar docs/results/dl4j/TrainDl4jNets.java mlp|lenet DATA_DIR EPOCHS OUT.zip [SEED [C1,C2,DENSE]]</pre>
 */
public class TrainDl4jNets {
    public static void main(String[] args) {
        String arch = args[0];
        TrainTestSplit split = IdxImageDataset.fromDirectory(Path.of(args[1]));
        int epochs = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        // LeNet-like widths: conv filters, conv filters, dense units (default the classic 20, 50, 500)
        int[] filters = args.length > 5 ? java.util.Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {20, 50, 500};
        Nd4j.getRandom().setSeed(seed);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3)).list();
        MultiLayerConfiguration conf = switch (arch) {
            case "mlp" -> list
                    .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.feedForward(784)).build();
            case "lenet" -> list
                    .layer(new ConvolutionLayer.Builder(5, 5).nOut(filters[0]).activation(Activation.IDENTITY).build())
                    .layer(new BatchNormalization.Builder().activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new ConvolutionLayer.Builder(5, 5).nOut(filters[1]).activation(Activation.IDENTITY).build())
                    .layer(new BatchNormalization.Builder().activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new DenseLayer.Builder().nOut(filters[2]).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutional(28, 28, 1)).build();
            default -> throw new IllegalArgumentException("arch must be mlp or lenet, got " + arch);
        };
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Dl4jData feed = new Dl4jData(net, split.train(), split.image());
        long start = System.nanoTime();
        feed.fit(split.train(), epochs, 128, seed, epoch -> System.out.printf("epoch %d/%d test acc %.4f %.0fs%n", epoch, epochs,
                feed.accuracy(net, split.test()), (System.nanoTime() - start) / 1e9));
        Dl4jModelFile.save(net, out);
        System.out.println("wrote " + out.toAbsolutePath() + " (" + net.numParams() + " parameters)");
    }
}
