package org.parsimony.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.data.RandomPermutation;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.optim.CosineAnnealing;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Our {@link LabeledData} fed to a DL4J network ({@link Dl4jNetwork}, a {@code MultiLayerNetwork} or a one-input
 * one-output {@code ComputationGraph}): minibatches as DL4J {@code DataSet}s (features in the
 * layout the network's first layer reads, labels one-hot), DL4J's own {@code fit} over seeded epochs, and test
 * accuracy. A first layer (in a graph, the layer reading the input) that is a convolution or pooling without a
 * flat-input preprocessor reads images
 * {@code [n, c, h, w]} ({@code [n, h, w, c]} when it is channels-last); any other reads the flat features.
 */
public final class Dl4jData {
    private final Dl4jNetwork network;
    private final ImageShape image;
    private final CNN2DFormat format;

    /**
     * @param image the examples' image shape (channels first, as our loaders store them), or {@code null} for tabular data
     * @throws IllegalArgumentException naming the mismatch if the network cannot read {@code data}'s examples or has
     *                                  another number of outputs than it has classes
     */
    public Dl4jData(MultiLayerNetwork network, LabeledData data, ImageShape image) {
        this(Dl4jNetwork.of(network), data, image);
    }

    /** {@link #Dl4jData(MultiLayerNetwork, LabeledData, ImageShape)} for either DL4J class. */
    public Dl4jData(Dl4jNetwork network, LabeledData data, ImageShape image) {
        this.network = network;
        this.image = image;
        Layer first = network.inputLayer();
        InputPreProcessor pre = network.inputPreProcessor();
        boolean readsImages = (first instanceof ConvolutionLayer || first instanceof SubsamplingLayer)
                && !(pre instanceof FeedForwardToCnnPreProcessor);
        if (readsImages && image == null) {
            throw new IllegalArgumentException("the model's first layer (" + first.getClass().getSimpleName()
                    + ") reads images, the data are not images");
        }
        this.format = !readsImages ? null : first instanceof ConvolutionLayer c ? c.getCnn2dDataFormat()
                : ((SubsamplingLayer) first).getCnn2dDataFormat();
        if (first instanceof FeedForwardLayer f && !(first instanceof ConvolutionLayer) && f.getNIn() != data.featureCount()) {
            throw new IllegalArgumentException("the model's first layer has " + f.getNIn() + " inputs, the data "
                    + data.featureCount() + " features");
        }
        if (readsImages && first instanceof ConvolutionLayer c && c.getNIn() != image.channels()) {
            throw new IllegalArgumentException("the model's first convolution reads " + c.getNIn() + " channels, the images have "
                    + image.channels());
        }
        Layer last = network.outputLayer();
        if (!(last instanceof FeedForwardLayer out) || out.getNOut() != data.classCount()) {
            throw new IllegalArgumentException("the model's output layer has " + (last instanceof FeedForwardLayer out
                    ? out.getNOut() + " outputs" : "no nOut") + ", the data " + data.classCount() + " classes");
        }
    }

    /** Examples {@code order[from..to)} of {@code data} as a DL4J minibatch. */
    public DataSet minibatch(LabeledData data, int[] order, int from, int to) {
        Minibatch batch = Minibatch.of(data, order, from, to);
        return new DataSet(layout(batch.features()), batch.oneHot().castTo(network.dataType()));
    }

    private INDArray layout(INDArray flat) {
        if (format == null) {
            return flat;
        }
        INDArray nchw = flat.reshape('c', flat.size(0), image.channels(), image.height(), image.width());
        return format == CNN2DFormat.NCHW ? nchw : nchw.permute(0, 2, 3, 1).dup('c');
    }

    /**
     * {@code epochs} epochs of DL4J's {@code fit}, one call per minibatch of {@code batchSize} in an order drawn from
     * {@code seed + epoch}; {@code afterEpoch} is told each finished epoch (1-based).
     */
    public void fit(LabeledData data, int epochs, int batchSize, long seed, IntConsumer afterEpoch) {
        for (int epoch = 1; epoch <= epochs; epoch++) {
            fitSteps(data, Integer.MAX_VALUE, batchSize, seed + epoch);
            network.incrementEpochCount();
            afterEpoch.accept(epoch);
        }
    }

    /**
     * {@link #fit} with every layer's fixed learning rate annealed along a half cosine to 0 over the {@code epochs}
     * ({@link HalfCosineSchedule}), the model's own updater kept (its type and settings, and whatever moment estimates it holds), and the
     * fixed rates put back afterwards so the model keeps the user's configuration. A pruned network fine-tuned at a
     * constant rate ends on whatever iterate the last minibatch left: on Fashion-MNIST a dense 784-128-64 MLP's test
     * accuracy moves by up to 2 points from one epoch to the next at Adam's 1e-3. Layers whose rate already follows a
     * schedule keep it.
     */
    public void fitAnnealed(LabeledData data, int epochs, int batchSize, long seed, IntConsumer afterEpoch) {
        if (epochs == 0) {
            return;
        }
        long steps = (long) epochs * CosineAnnealing.stepsPerEpoch(data.size(), batchSize);
        int start = network.iterationCount();
        Double[] fixed = new Double[network.layerCount()];
        for (int l = 0; l < fixed.length; l++) {
            fixed[l] = network.learningRate(l);
            if (fixed[l] != null) {
                network.learningRate(l, fixed[l], new HalfCosineSchedule(fixed[l], start, steps));
            }
        }
        try {
            fit(data, epochs, batchSize, seed, afterEpoch);
        } finally {
            for (int l = 0; l < fixed.length; l++) {
                if (fixed[l] != null) {
                    network.learningRate(l, fixed[l], null);
                }
            }
        }
    }

    /** At most {@code steps} minibatch updates of DL4J's {@code fit} (less than an epoch when it is smaller). */
    public void fitSteps(LabeledData data, int steps, int batchSize, long seed) {
        int[] order = shuffled(data.size(), seed);
        for (int from = 0, step = 0; from < order.length && step < steps; from += batchSize, step++) {
            network.fit(minibatch(data, order, from, Math.min(order.length, from + batchSize)));
        }
    }

    /** The network's accuracy on {@code data} (argmax of the outputs against the labels). */
    public double accuracy(MultiLayerNetwork net, LabeledData data) {
        return accuracy(Dl4jNetwork.of(net), data);
    }

    /** {@link #accuracy(MultiLayerNetwork, LabeledData)} for either DL4J class. */
    public double accuracy(Dl4jNetwork net, LabeledData data) {
        int[] order = IntStream.range(0, data.size()).toArray();
        long correct = 0;
        for (int from = 0; from < order.length; from += 1000) {
            int to = Math.min(order.length, from + 1000);
            DataSet batch = minibatch(data, order, from, to);
            INDArray predicted = net.output(batch.getFeatures()).argMax(1);
            for (int k = 0; k < to - from; k++) {
                correct += predicted.getInt(k) == data.label(from + k) ? 1 : 0;
            }
        }
        return (double) correct / data.size();
    }

    private static int[] shuffled(int n, long seed) {
        return RandomPermutation.of(n, new SplittableRandom(seed));
    }
}
