package org.parsimony.variational.network;

/**
 * Parameter and multiply-add counts of an {@link Architecture} at its widths: the sums of each layer's counts, which
 * its {@link LayerType} gives (a convolution {@code k^2 C_in C_out + C_out} parameters and
 * {@code H_out W_out k^2 C_in C_out} multiply-adds per example; a dense layer {@code n_in n + n} and {@code n_in n}).
 * A batch normalisation adds nothing: at inference it folds into its convolution's kernel and bias
 * ({@link BatchNormState#fold}).
 *
 * @param architecture the layer structure and widths counted
 */
public record ConvNetComplexity(Architecture architecture) implements NetworkComplexity {

    @Override
    public long parameters() {
        long total = 0;
        for (int l = 0; l < architecture.layerCount(); l++) {
            total += layerParameters(l);
        }
        return total;
    }

    @Override
    public long multiplyAdds() {
        long total = 0;
        for (int l = 0; l < architecture.layerCount(); l++) {
            total += layerMultiplyAdds(l);
        }
        return total;
    }

    /** Parameters of layer {@code l}: {@code fanIn n + n} ({@link LayerType#parameters}). */
    public long layerParameters(int l) {
        LayerSpec layer = architecture.layer(l);
        return layer.type().parameters(layer, architecture.inputShape(l));
    }

    /** Multiply-adds of layer {@code l} per example: {@code fanIn n} per output position ({@link LayerType#multiplyAdds}). */
    public long layerMultiplyAdds(int l) {
        LayerSpec layer = architecture.layer(l);
        return layer.type().multiplyAdds(layer, architecture.inputShape(l));
    }
}
