package org.parsimony.variational.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.optim.AdamOptimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SameDiff graph of a plain deterministic ReLU MLP's mean softmax cross-entropy, trained with the same
 * {@link AdamOptimizer} as the variational trainer. It is the like-for-like baseline of the benchmarks: the same
 * framework, graph executor and optimizer as {@link ElboGraph}, without the variance path, the gates and the KL, so
 * the ratio of their step times is the price of the variational machinery itself.
 */
public final class LikelihoodGraph {
    private final SameDiff sd = SameDiff.create();
    private final List<INDArray> weights = new ArrayList<>();
    private final List<INDArray> biases = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /** Builds the graph with its own copy of {@code start}'s parameters, in {@code float}. */
    public LikelihoodGraph(DeterministicMlp start) {
        int[] widths = start.widths();
        SDVariable h = sd.placeHolder("x", DataType.FLOAT, -1, widths[0]);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, widths[widths.length - 1]);
        for (int l = 0; l < start.layerCount(); l++) {
            weights.add(start.weight(l).castTo(DataType.FLOAT));
            biases.add(start.bias(l).castTo(DataType.FLOAT));
            SDVariable w = sd.var("w" + l, weights.get(l));
            SDVariable b = sd.var("b" + l, biases.get(l));
            names.add("w" + l);
            names.add("b" + l);
            SDVariable pre = h.mmul(w).add(b);
            h = l < start.layerCount() - 1 ? sd.nn().relu(pre, 0) : pre;
        }
        sd.loss().softmaxCrossEntropy("loss", y, h, null);
        sd.setLossVariables("loss");
        SilencedStandardOutput.call(() -> {
            sd.createGradFunction();
            return null;
        });
    }

    /**
     * One Adam step on {@code batch}: computes the loss and its gradients in the graph, then updates every
     * parameter in place.
     *
     * @return the minibatch loss before the step
     */
    public double step(Minibatch batch, AdamOptimizer adam, double learningRate) {
        OutAndGrad result = sd.calculateGradientsAndOutputs(Map.of("x", batch.features(), "y", batch.oneHot()),
                List.of("loss"), names);
        adam.beginStep();
        for (int l = 0; l < weights.size(); l++) {
            adam.apply(names.get(2 * l), weights.get(l), result.getGradients().get(names.get(2 * l)), learningRate);
            adam.apply(names.get(2 * l + 1), biases.get(l), result.getGradients().get(names.get(2 * l + 1)), learningRate);
        }
        return result.getOutputs().get("loss").getDouble(0);
    }

    /** The current parameters as an immutable deterministic network. */
    public DeterministicMlp network() {
        return new DeterministicMlp(weights, biases);
    }
}
