package org.parsimony.variational.network;

/**
 * The shape {@code [channels, height, width]} of one example's activations (NCHW without the batch axis). A flat
 * vector of {@code n} features is {@code [n, 1, 1]}.
 *
 * @param channels channels {@code C}
 * @param height   rows {@code H}
 * @param width    columns {@code W}
 */
public record ImageShape(int channels, int height, int width) {

    /** @throws IllegalArgumentException unless every size is positive and their product fits in an int */
    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got [" + channels + ", " + height + ", "
                    + width + "]");
        }
        if ((double) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image shape [" + channels + ", " + height + ", " + width + "] holds "
                    + (long) channels * height * width + " values, more than " + Integer.MAX_VALUE);
        }
    }

    /** A flat vector of {@code features} values. */
    public static ImageShape flat(int features) {
        return new ImageShape(features, 1, 1);
    }

    /** Values per example, {@code C H W}; a flatten maps {@code (c, y, x)} to {@code c H W + y W + x}. */
    public int features() {
        return channels * height * width;
    }

    /** Positions per channel, {@code H W}. */
    public int pixels() {
        return height * width;
    }

    /** {@code CxHxW}, e.g. {@code 1x28x28}. */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
