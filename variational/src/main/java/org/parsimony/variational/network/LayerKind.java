package org.parsimony.variational.network;

/** Whether a weight layer is fully connected or a 2-D convolution; each kind's behaviour is its {@link #type()}. */
public enum LayerKind {
    /** {@code h W + b} on flat inputs; a unit owns one weight column. */
    DENSE(DenseLayerType.INSTANCE),
    /** 2-D convolution (stride 1 unless the layer says otherwise) on NCHW inputs with YXIO kernels; a unit (filter) owns one kernel {@code W[:, :, :, j]}. */
    CONV(ConvLayerType.INSTANCE);

    private final LayerType type;

    LayerKind(LayerType type) {
        this.type = type;
    }

    /**
     * The kind whose {@link LayerType#fileName()} is {@code name}.
     *
     * @throws IllegalArgumentException naming the known kinds
     */
    public static LayerKind ofFileName(String name) {
        for (LayerKind kind : values()) {
            if (kind.type.fileName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("layer kind must be \"conv\" or \"dense\", got \"" + name + "\"");
    }

    /** What a layer of this kind does. */
    public LayerType type() {
        return type;
    }
}
