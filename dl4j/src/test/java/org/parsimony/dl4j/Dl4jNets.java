package org.parsimony.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;

import java.util.Random;

/** DL4J networks and small labelled data for the tests, built and trained as a DL4J user would. */
final class Dl4jNets {
    private Dl4jNets() {
    }

    /** A 784-128-64-10 ReLU MLP with Adam. */
    static MultiLayerNetwork mlp(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(128).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * A LeNet-like conv net on 28x28x1 images: conv 5x5 -> batch norm -> max-pool -> conv 5x5 -> batch norm -> ReLU
     * -> max-pool -> dense -> softmax, in {@code format}.
     */
    static MultiLayerNetwork lenet(long seed, CNN2DFormat format, int filters1, int filters2, int dense) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3))
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(filters1).activation(Activation.IDENTITY).dataFormat(format).build())
                .layer(new BatchNormalization.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).dataFormat(format).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(filters2).activation(Activation.IDENTITY).dataFormat(format).build())
                .layer(new BatchNormalization.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).dataFormat(format).build())
                .layer(new DenseLayer.Builder().nOut(dense).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * {@code n} examples of {@code features} values, labels by a fixed random linear teacher, so training has something
     * to learn; images are {@code [n, 1, 28, 28]} (or {@code [n, 28, 28, 1]} channels-last) when {@code image}.
     */
    static DataSet data(int n, long seed, boolean image, CNN2DFormat format) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 784).muli(2).subi(1);
        INDArray teacher = Nd4j.create(DataType.FLOAT, 784, 10);
        Random t = new Random(7);
        for (int i = 0; i < 784; i++) {
            for (int k = 0; k < 10; k++) {
                teacher.putScalar(i, k, t.nextGaussian());
            }
        }
        INDArray logits = x.mmul(teacher);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, logits.getRow(i).argMax().getInt(0), 1f);
        }
        INDArray features = !image ? x : format == CNN2DFormat.NCHW ? x.reshape('c', n, 1, 28, 28) : x.reshape('c', n, 28, 28, 1);
        return new DataSet(features, y);
    }

    /** Trains {@code net} for {@code epochs} epochs in minibatches of 50 with DL4J's fit. */
    static void fit(MultiLayerNetwork net, DataSet data, int epochs) {
        DataSetIterator iterator = new ListDataSetIterator<>(data.asList(), 50);
        net.fit(iterator, epochs);
    }
}
