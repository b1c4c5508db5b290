package org.parsimony.variational.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.network.ImageShape;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The standard CIFAR training augmentation (He et al. 2016, <i>Deep Residual Learning</i>, section 4.2): each image of
 * a minibatch is zero-padded by {@code padding} pixels on every side, a random {@code H x W} window of the padded image
 * is kept, and with probability 1/2 it is mirrored left to right. Every channel of an image moves together. On
 * standardised inputs the zero padding is the training set's mean colour.
 *
 * @param image   the shape of one example
 * @param padding pixels added on each side before the random crop ({@code 0}: flips only)
 */
public record ImageAugmentation(ImageShape image, int padding) {

    /** @throws IllegalArgumentException on a negative padding or one at least the image's side */
    public ImageAugmentation {
        if (padding < 0 || padding >= Math.min(image.height(), image.width())) {
            throw new IllegalArgumentException("crop padding must be in [0, " + Math.min(image.height(), image.width())
                    + ") for " + image + " images, got " + padding);
        }
    }

    /** The usual CIFAR setting: padding 4 and flips. */
    public static ImageAugmentation cifar(ImageShape image) {
        return new ImageAugmentation(image, 4);
    }

    /**
     * Replaces each row of {@code features} ({@code [b, C H W]}, {@code float}, row-major) by a random crop of its
     * padded image, mirrored with probability 1/2; per row the draws are the vertical and horizontal offsets, uniform in
     * {@code [-padding, padding]}, then the flip.
     *
     * @throws IllegalArgumentException if the rows do not hold this augmentation's images
     */
    public void apply(INDArray features, SplittableRandom random) {
        if (features.rank() != 2 || features.size(1) != image.features() || features.dataType() != DataType.FLOAT
                || features.ordering() != 'c' || features.isView()) {
            throw new IllegalArgumentException("augmentation needs a row-major float [batch, " + image.features()
                    + "] array, got " + features.dataType() + " " + Arrays.toString(features.shape()));
        }
        FloatBuffer buffer = features.data().asNioFloat();
        int d = image.features();
        float[] row = new float[d];
        float[] out = new float[d];
        for (int i = 0; i < features.size(0); i++) {
            buffer.position(i * d);
            buffer.get(row);
            int dy = random.nextInt(2 * padding + 1) - padding;
            int dx = random.nextInt(2 * padding + 1) - padding;
            boolean flip = random.nextBoolean();
            transform(row, out, dy, dx, flip);
            buffer.position(i * d);
            buffer.put(out);
        }
    }

    /**
     * {@code out[c, y, x] = in[c, y + dy, x' + dx]} with {@code x' = W - 1 - x} when flipping, else {@code x}; zero
     * outside the image.
     */
    void transform(float[] in, float[] out, int dy, int dx, boolean flip) {
        int h = image.height();
        int w = image.width();
        for (int c = 0; c < image.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                for (int x = 0; x < w; x++) {
                    int sx = (flip ? w - 1 - x : x) + dx;
                    out[plane + y * w + x] = sy < 0 || sy >= h || sx < 0 || sx >= w ? 0f : in[plane + sy * w + sx];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "random crop (pad " + padding + ") + horizontal flip";
    }
}
