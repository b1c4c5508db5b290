package org.parsimony.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.Arrays;

/**
 * A DL4J {@code MultiLayerNetwork} configuration used as the architecture of our own training: dense ReLU layers and a
 * softmax output layer, the MLP our variational trainer trains ({@code train --from}). The network it hands back has the
 * user's configuration (layer types, updater, regularisation, names) with the widths our training decided and its
 * weights, ready for DL4J's {@code fit}.
 */
public final class Dl4jMlpTemplate {
    private final MultiLayerConfiguration conf;
    private final int[] widths;

    private Dl4jMlpTemplate(MultiLayerConfiguration conf, int[] widths) {
        this.conf = conf;
        this.widths = widths;
    }

    /**
     * The template of {@code network}.
     *
     * @throws IllegalArgumentException naming the first layer that is not a dense ReLU layer (or, last, a softmax
     *                                  output layer), or an input preprocessor
     */
    public static Dl4jMlpTemplate of(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        int n = conf.getConfs().size();
        int[] widths = new int[n + 1];
        for (int i = 0; i < n; i++) {
            Layer layer = conf.getConf(i).getLayer();
            boolean last = i == n - 1;
            String problem = null;
            if (last ? layer.getClass() != OutputLayer.class : layer.getClass() != DenseLayer.class) {
                problem = "is a " + layer.getClass().getSimpleName() + "; train --from takes dense layers and a last OutputLayer";
            } else if (!(last ? ((BaseLayer) layer).getActivationFn() instanceof ActivationSoftmax
                    : ((BaseLayer) layer).getActivationFn() instanceof ActivationReLU)) {
                problem = "has activation " + ((BaseLayer) layer).getActivationFn() + "; our MLPs use " + (last ? "softmax" : "ReLU");
            } else if (conf.getInputPreProcess(i) != null) {
                problem = "has an input preprocessor " + conf.getInputPreProcess(i).getClass().getSimpleName();
            }
            if (problem != null) {
                throw new IllegalArgumentException("layer " + i + " " + problem);
            }
            FeedForwardLayer f = (FeedForwardLayer) layer;
            widths[i] = Math.toIntExact(f.getNIn());
            widths[i + 1] = Math.toIntExact(f.getNOut());
        }
        return new Dl4jMlpTemplate(conf.clone(), widths);
    }

    /** Widths {@code n_0, ..., n_L}, inputs first. */
    public int[] widths() {
        return widths.clone();
    }

    /** The hidden widths {@code n_1 .. n_{L-1}}. */
    public int[] hiddenWidths() {
        return Arrays.copyOfRange(widths, 1, widths.length - 1);
    }

    /**
     * A DL4J network of this configuration with {@code mlp}'s widths and weights.
     *
     * @throws IllegalArgumentException if {@code mlp} has another depth, inputs or classes
     */
    public MultiLayerNetwork withWeights(DeterministicMlp mlp) {
        int[] w = mlp.widths();
        if (w.length != widths.length || w[0] != widths[0] || w[w.length - 1] != widths[widths.length - 1]) {
            throw new IllegalArgumentException("the trained MLP " + Arrays.toString(w) + " does not fit the DL4J architecture "
                    + Arrays.toString(widths));
        }
        MultiLayerConfiguration sized = conf.clone();
        for (int i = 0; i < w.length - 1; i++) {
            FeedForwardLayer layer = (FeedForwardLayer) sized.getConf(i).getLayer();
            layer.setNIn(w[i]);
            layer.setNOut(w[i + 1]);
        }
        MultiLayerNetwork network = new MultiLayerNetwork(sized);
        network.init();
        for (int i = 0; i < w.length - 1; i++) {
            org.deeplearning4j.nn.api.Layer layer = network.getLayer(i);
            layer.setParam("W", mlp.weight(i).castTo(layer.getParam("W").dataType()));
            layer.setParam("b", mlp.bias(i).reshape(layer.getParam("b").shape()).castTo(layer.getParam("b").dataType()));
        }
        return network;
    }
}
