package org.parsimony.variational.network;

/**
 * One weight layer of an {@link Architecture}: its kind, its width (units or filters) and, for a convolution, the
 * square kernel size, the padding, whether a batch normalisation ({@link BatchNormState}) follows the convolution and
 * whether a 2x2 max pooling (stride 2) follows the activation; for the layers of a residual network also the
 * convolution's stride, a global average pooling and the {@link LayerWiring} (which layer it reads, which it adds).
 *
 * @param kind      dense or convolution
 * @param units     units (dense) or filters (conv), {@code >= 1}
 * @param kernel    kernel size {@code k} of a {@code k x k} convolution (0 for dense)
 * @param padding   padding of a convolution ({@code null} for dense)
 * @param pool      whether a 2x2 max pooling with stride 2 follows (conv only)
 * @param batchNorm whether the convolution's output is batch-normalised per filter before the ReLU (conv only)
 * @param stride    the convolution's stride in both directions (1 for dense)
 * @param globalPool whether a global average pooling follows the activation, leaving one value per filter (conv only)
 * @param wiring    the layer it reads and the layer whose output is added to it ({@link LayerWiring#CHAIN} in a chain)
 */
public record LayerSpec(LayerKind kind, int units, int kernel, ConvPadding padding, boolean pool, boolean batchNorm,
                        int stride, boolean globalPool, LayerWiring wiring) {

    /** @throws IllegalArgumentException on a non-positive width or kernel, or conv settings on a dense layer */
    public LayerSpec {
        if (kind == null || units <= 0) {
            throw new IllegalArgumentException("a layer needs a kind and a positive width, got " + kind + " " + units);
        }
        if (kind == LayerKind.CONV && (kernel <= 0 || padding == null)) {
            throw new IllegalArgumentException("a convolution needs a positive kernel and a padding, got " + kernel
                    + " " + padding);
        }
        if (stride < 1 || wiring == null || pool && globalPool) {
            throw new IllegalArgumentException("a layer needs a positive stride, a wiring and at most one pooling, got"
                    + " stride " + stride + ", " + wiring + (pool && globalPool ? ", max and global pooling" : ""));
        }
        if (kind == LayerKind.DENSE && (kernel != 0 || padding != null || pool || batchNorm || stride != 1 || globalPool
                || wiring.shortcut() != 0 || wiring.projection())) {
            throw new IllegalArgumentException("a dense layer has no kernel, padding, stride, pooling, batch"
                    + " normalisation or shortcut");
        }
        if (wiring.projection() && (pool || globalPool || wiring.shortcut() != 0)) {
            throw new IllegalArgumentException("a shortcut projection is a convolution alone, without pooling or"
                    + " shortcut of its own");
        }
    }

    /** A layer of a chain, stride 1, without global pooling. */
    public LayerSpec(LayerKind kind, int units, int kernel, ConvPadding padding, boolean pool, boolean batchNorm) {
        this(kind, units, kernel, padding, pool, batchNorm, 1, false, LayerWiring.CHAIN);
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
        return new LayerSpec(kind, width, kernel, padding, pool, batchNorm, stride, globalPool, wiring);
    }

    /** The same layer with or without batch normalisation (a dense layer stays without). */
    public LayerSpec withBatchNorm(boolean normalised) {
        return new LayerSpec(kind, units, kernel, padding, pool, normalised && isConv(), stride, globalPool, wiring);
    }

    /** The same convolution with stride {@code s}. */
    public LayerSpec withStride(int s) {
        return new LayerSpec(kind, units, kernel, padding, pool, batchNorm, s, globalPool, wiring);
    }

    /** The same convolution followed by a global average pooling. */
    public LayerSpec withGlobalPool() {
        return new LayerSpec(kind, units, kernel, padding, pool, batchNorm, stride, true, wiring);
    }

    /** The same layer with another wiring. */
    public LayerSpec withWiring(LayerWiring w) {
        return new LayerSpec(kind, units, kernel, padding, pool, batchNorm, stride, globalPool, w);
    }

    /** Whether this layer's output goes through a ReLU (and its gate): every layer but a shortcut projection. */
    public boolean activated() {
        return !wiring.projection();
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
                + (stride != 1 ? "/" + stride : "") + (batchNorm ? "-bn" : "") + (pool ? "-pool2" : "")
                + (globalPool ? "-gap" : "") + (wiring.projection() ? "-proj" : "")
                + (wiring.source() != 1 ? "<" + wiring.source() : "") + (wiring.shortcut() != 0 ? "+" + wiring.shortcut() : "")
                : "dense-" + units;
    }
}
