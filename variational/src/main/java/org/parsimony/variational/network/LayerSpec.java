package org.parsimony.variational.network;

/**
 * One weight layer of an {@link Architecture}: its kind, its width (units or filters) and, for a convolution, the
 * square kernel size, the padding, whether a batch normalisation ({@link BatchNormState}) follows the convolution and
 * whether a 2x2 max pooling (stride 2) follows the activation.
 *
 * @param kind      dense or convolution
 * @param units     units (dense) or filters (conv), {@code >= 1}
 * @param kernel    kernel size {@code k} of a {@code k x k} convolution (0 for dense)
 * @param padding   padding of a convolution ({@code null} for dense)
 * @param pool      whether a 2x2 max pooling with stride 2 follows (conv only)
 * @param batchNorm whether the convolution's output is batch-normalised per filter before the ReLU (conv only)
 */
public record LayerSpec(LayerKind kind, int units, int kernel, ConvPadding padding, boolean pool, boolean batchNorm) {

    /** @throws IllegalArgumentException on a non-positive width or kernel, or conv settings on a dense layer */
    public LayerSpec {
        if (kind == null || units <= 0) {
            throw new IllegalArgumentException("a layer needs a kind and a positive width, got " + kind + " " + units);
        }
        if (kind == LayerKind.CONV && (kernel <= 0 || padding == null)) {
            throw new IllegalArgumentException("a convolution needs a positive kernel and a padding, got " + kernel
                    + " " + padding);
        }
        if (kind == LayerKind.DENSE && (kernel != 0 || padding != null || pool || batchNorm)) {
            throw new IllegalArgumentException("a dense layer has no kernel, padding, pooling or batch normalisation");
        }
    }

    /** A layer without batch normalisation. */
    public LayerSpec(LayerKind kind, int units, int kernel, ConvPadding padding, boolean pool) {
        this(kind, units, kernel, padding, pool, false);
    }

    /** A fully connected layer of {@code units} units. */
    public static LayerSpec dense(int units) {
        return new LayerSpec(LayerKind.DENSE, units, 0, null, false);
    }

    /** A {@code kernel x kernel} stride-1 convolution with {@code filters} filters, optionally followed by 2x2 max pooling. */
    public static LayerSpec conv(int filters, int kernel, ConvPadding padding, boolean pool) {
        return new LayerSpec(LayerKind.CONV, filters, kernel, padding, pool);
    }

    /** The same layer with another width. */
    public LayerSpec withUnits(int width) {
        return new LayerSpec(kind, width, kernel, padding, pool, batchNorm);
    }

    /** The same layer with or without batch normalisation (a dense layer stays without). */
    public LayerSpec withBatchNorm(boolean normalised) {
        return new LayerSpec(kind, units, kernel, padding, pool, normalised && isConv());
    }

    /** Whether this is a convolution; what a layer does belongs to its {@link #type()}, not to switches on this. */
    private boolean isConv() {
        return kind == LayerKind.CONV;
    }

    /** What this layer does: its shapes, cost, forward pass and pruning dependencies. */
    public LayerType type() {
        return kind.type();
    }

    /** Shape of this layer's output (after any pooling) for inputs of shape {@code in}. */
    public ImageShape outputShape(ImageShape in) {
        return kind.type().outputShape(this, in);
    }

    /** Weights per unit for inputs of shape {@code in}. */
    public int fanIn(ImageShape in) {
        return kind.type().fanIn(this, in);
    }

    /** Shape of this layer's weight array for inputs of shape {@code in}. */
    public long[] weightShape(ImageShape in) {
        return kind.type().weightShape(this, in);
    }

    @Override
    public String toString() {
        return isConv() ? "conv" + kernel + "x" + kernel + "-" + units + (padding == ConvPadding.SAME ? "s" : "v")
                + (batchNorm ? "-bn" : "") + (pool ? "-pool2" : "") : "dense-" + units;
    }
}
