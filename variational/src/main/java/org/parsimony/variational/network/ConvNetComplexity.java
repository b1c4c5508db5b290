package org.parsimony.variational.network;

/**
 * Parameter and multiply-add counts of an {@link Architecture} at its widths. A {@code k x k} convolution with
 * {@code C_in} input and {@code C_out} output channels on an {@code H_out x W_out} output has
 * {@code k^2 C_in C_out + C_out} parameters and {@code H_out W_out k^2 C_in C_out} multiply-adds per example
 * (zero padding counted as if multiplied); a dense layer {@code n_in n + n} and {@code n_in n}. A batch normalisation
 * adds nothing: at inference it folds into its convolution's kernel and bias ({@link BatchNormState#fold}).
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

    /** Parameters of layer {@code l}: {@code fanIn n + n}. */
    public long layerParameters(int l) {
        long units = architecture.layer(l).units();
        return architecture.fanIn(l) * units + units;
    }

    /** Multiply-adds of layer {@code l} per example: {@code fanIn n} per output position. */
    public long layerMultiplyAdds(int l) {
        long perPosition = (long) architecture.fanIn(l) * architecture.layer(l).units();
        return perPosition * architecture.preActivationShape(l).pixels();
    }
}
