package org.parsimony.variational.network;

/** Whether a weight layer is fully connected or a 2-D convolution. */
public enum LayerKind {
    /** {@code h W + b} on flat inputs; a unit owns one weight column. */
    DENSE,
    /** Stride-1 2-D convolution on NCHW inputs with YXIO kernels; a unit (filter) owns one kernel {@code W[:, :, :, j]}. */
    CONV
}
