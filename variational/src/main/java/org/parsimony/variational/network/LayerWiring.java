package org.parsimony.variational.network;

/**
 * Where a layer of an {@link Architecture} reads its input and what is added to its output, counted in layers back
 * from it: the edges that turn a chain of layers into the graph of a residual network (He et al. 2016, <i>Deep
 * Residual Learning for Image Recognition</i>). A layer computes
 * {@code h_l = z (*) act(bn(conv(h_{l - source})) + h_{l - shortcut})}, the shortcut term absent for
 * {@code shortcut = 0}; a shortcut <i>projection</i> (the 1x1 convolution with batch normalisation that carries a
 * residual stream into a stage of more channels and a lower resolution, option B of He et al.) outputs its normalised
 * linear map {@code bn(conv(h))} alone: no ReLU and no gate of its own, since its channels are those of the stream it
 * writes into.
 *
 * <p>An addition couples the channels of its two terms: channel {@code j} of the shortcut and channel {@code j} of the
 * layer are one channel of the residual stream, so they share one gate and are removed together
 * ({@link LayerDependencies#coupled}).
 *
 * @param source     layers back to the layer whose output this one reads ({@code 1}: the previous layer, or the
 *                   network's input for the first layer)
 * @param shortcut   layers back to the layer whose output is added before the activation, {@code 0} for none
 * @param projection whether this layer is a shortcut projection (linear output, read by a later layer's shortcut)
 */
public record LayerWiring(int source, int shortcut, boolean projection) {
    /** A layer of a chain: it reads the previous layer, nothing is added to it. */
    public static final LayerWiring CHAIN = new LayerWiring(1, 0, false);

    /** @throws IllegalArgumentException on a source below 1 or a negative shortcut */
    public LayerWiring {
        if (source < 1 || shortcut < 0) {
            throw new IllegalArgumentException("a layer reads 1 or more layers back and adds 0 (none) or more layers"
                    + " back, got source " + source + ", shortcut " + shortcut);
        }
    }

    /** Whether this is the wiring of a chain's layer. */
    public boolean isChain() {
        return equals(CHAIN);
    }
}
