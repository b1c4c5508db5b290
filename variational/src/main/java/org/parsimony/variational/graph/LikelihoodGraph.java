package org.parsimony.variational.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ConvolutionSettings;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ParameterKey;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.optim.AdamOptimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The SameDiff graph of a plain deterministic ReLU network's mean softmax cross-entropy, dense or convolutional, trained
 * with the same {@link AdamOptimizer} as the variational trainer. It computes what
 * {@link DeterministicNetwork#logits} computes (the ops of {@link ForwardPass}): per conv layer
 * {@code maxpool?(relu(conv(h, W) + b))} with the convolutions of {@link ConvolutionSettings}, the NCHW flatten, then
 * dense ReLU layers and linear logits.
 *
 * <p>Two uses: the like-for-like baseline of the benchmarks (the same framework, graph executor and optimizer as
 * {@link ElboGraph}, without the variance path, the gates and the KL, so the ratio of their step times is the price of
 * the variational machinery itself), and the trainer of dense conv starts and their fine-tuning after surgery.
 */
public final class LikelihoodGraph {
    private final SameDiff sd = SameDiff.create();
    private final Architecture architecture;
    private final List<INDArray> weights = new ArrayList<>();
    private final List<INDArray> biases = new ArrayList<>();
    private final List<ParameterKey> parameters = new ArrayList<>();

    /** Builds the graph with its own copy of {@code start}'s parameters, in {@code float}. */
    public LikelihoodGraph(DeterministicNetwork start) {
        architecture = start.architecture();
        int[] widths = start.widths();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, widths[0]);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, widths[widths.length - 1]);
        List<SDVariable> w = new ArrayList<>();
        List<SDVariable> b = new ArrayList<>();
        for (int l = 0; l < start.layerCount(); l++) {
            weights.add(start.weight(l).castTo(DataType.FLOAT));
            biases.add(start.bias(l).castTo(DataType.FLOAT));
            w.add(variable(ParameterKind.WEIGHT.at(l), weights.get(l)));
            b.add(variable(ParameterKind.BIAS.at(l), biases.get(l)));
        }
        SDVariable h = ForwardPass.logits(x, architecture, w, b, "logits");
        sd.loss().softmaxCrossEntropy("loss", y, h, null);
        sd.setLossVariables("loss");
        SilencedStandardOutput.call(() -> {
            sd.createGradFunction();
            return null;
        });
    }

    /** The trained variable of {@code key}, named {@link ParameterKey#graphName()}, holding {@code value}. */
    private SDVariable variable(ParameterKey key, INDArray value) {
        parameters.add(key);
        return sd.var(key.graphName(), value);
    }

    /**
     * One Adam step on {@code batch}: computes the loss and its gradients in the graph, then updates every
     * parameter in place.
     *
     * @return the minibatch loss before the step
     */
    public double step(Minibatch batch, AdamOptimizer adam, double learningRate) {
        OutAndGrad result = sd.calculateGradientsAndOutputs(Map.of("x", batch.features(), "y", batch.oneHot()),
                List.of("loss"), parameters.stream().map(ParameterKey::graphName).toList());
        adam.beginStep();
        for (int l = 0; l < weights.size(); l++) {
            ParameterKey weight = ParameterKind.WEIGHT.at(l);
            ParameterKey bias = ParameterKind.BIAS.at(l);
            adam.apply(weight, weights.get(l), result.getGradients().get(weight.graphName()), learningRate);
            adam.apply(bias, biases.get(l), result.getGradients().get(bias.graphName()), learningRate);
        }
        return result.getOutputs().get("loss").getDouble(0);
    }

    /** The mean softmax cross-entropy of {@code batch} at the current parameters, without a step. */
    public double loss(Minibatch batch) {
        return sd.output(Map.of("x", batch.features(), "y", batch.oneHot()), "loss").get("loss").getDouble(0);
    }

    /**
     * The live weights, each as a {@code [fanIn, units]} matrix whose column {@code j} is unit {@code j}'s weight group
     * (a kernel {@code W[:, :, :, j]} flattened row-major): what the pseudo-bootstrap records. Read them, never modify them.
     */
    public List<INDArray> weightColumns() {
        List<INDArray> columns = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            columns.add(weights.get(l).reshape('c', architecture.fanIn(l), architecture.layer(l).units()));
        }
        return Collections.unmodifiableList(columns);
    }

    /** The current parameters as an immutable deterministic network of the start's architecture. */
    public DeterministicNetwork network() {
        return DeterministicNetwork.of(architecture, weights, biases);
    }
}
