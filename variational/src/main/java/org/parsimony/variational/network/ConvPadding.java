package org.parsimony.variational.network;

/** Padding of a convolution: SAME keeps ceil(n / stride) outputs per side, VALID (n - k) / stride + 1. */
public enum ConvPadding {
    /** No padding: an {@code H x W} input and a {@code k x k} kernel give {@code (H - k + 1) x (W - k + 1)}. */
    VALID,
    /** Zero padding that keeps the spatial size ({@code H x W} out for odd {@code k}). */
    SAME
}
