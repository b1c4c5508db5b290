package org.parsimony.variational.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ConvolutionSettings;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.LayerSpec;

import java.util.List;

/**
 * The SameDiff ops of a deterministic network's forward pass, exactly what {@link DeterministicNetwork#logits}
 * computes: flat inputs reshaped to NCHW when the first layer is a convolution, per conv layer
 * {@code pool?(relu(conv(h, W) + b + shortcut?))} with the convolutions of {@link ConvolutionSettings} (the sources and
 * shortcuts of a residual network's {@link org.parsimony.variational.network.LayerWiring}; a shortcut projection has no
 * ReLU), the NCHW flatten, then dense ReLU layers and linear logits. One definition for the graphs that train such networks and the graphs that
 * store them.
 */
public final class ForwardPass {
    private ForwardPass() {
    }

    /**
     * Adds the forward pass to {@code inputs}' graph.
     *
     * @param inputs       flat inputs {@code [batch, n_0]}
     * @param architecture the layer structure
     * @param weights      per layer the weight variable ({@code [kH, kW, C_in, C_out]} or {@code [n_in, n]})
     * @param biases       per layer the bias variable ({@code [n]}; a dense layer also takes {@code [1, n]})
     * @param output       name of the logits variable
     * @return the logits {@code [batch, classes]}
     */
    public static SDVariable logits(SDVariable inputs, Architecture architecture, List<SDVariable> weights,
                                    List<SDVariable> biases, String output) {
        SameDiff sd = inputs.getSameDiff();
        SDVariable h = inputs;
        int last = architecture.layerCount() - 1;
        SDVariable[] outputs = new SDVariable[architecture.layerCount()];
        for (int l = 0; l <= last; l++) {
            LayerSpec spec = architecture.layer(l);
            int source = l - spec.wiring().source();
            h = spec.type().layout(source < 0 ? inputs : outputs[source],
                    source >= 0 && architecture.layer(source).type().producesImages(), architecture.inputShape(l));
            if (l == last) {
                h = spec.type().linear(h, weights.get(l), biases.get(l), spec, output);
            } else {
                h = spec.type().linear(h, weights.get(l), biases.get(l), spec, null);
                if (spec.wiring().shortcut() > 0) {
                    h = h.add(outputs[l - spec.wiring().shortcut()]);
                }
                if (spec.activated()) {
                    h = sd.nn().relu(h, 0);
                }
            }
            if (spec.pool()) {
                h = sd.cnn().maxPooling2d(h, ConvolutionSettings.maxPooling());
            }
            if (spec.globalPool()) {
                h = h.mean(true, 2, 3);
            }
            outputs[l] = h;
        }
        return h;
    }
}
