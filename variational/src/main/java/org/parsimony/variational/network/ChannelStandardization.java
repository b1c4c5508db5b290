package org.parsimony.variational.network;

import org.parsimony.variational.data.LabeledData;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The per-channel input standardisation {@code x'_c = (x_c - mean_c) / std_c} of images, each channel by its own mean
 * and standard deviation over the training set (what torchvision's {@code Normalize(mean, std)} does for CIFAR-10,
 * whose red, green and blue planes differ in mean and spread). For one channel it is {@link InputStandardization}.
 *
 * @param image the shape of one example; a flat row holds channel {@code c} at {@code [c H W, (c + 1) H W)}
 * @param mean  per channel the training pixels' mean
 * @param std   per channel their population standard deviation, positive
 */
public record ChannelStandardization(ImageShape image, double[] mean, double[] std) {

    /** @throws IllegalArgumentException unless there is one finite mean and one positive finite deviation per channel */
    public ChannelStandardization {
        if (mean.length != image.channels() || std.length != image.channels()) {
            throw new IllegalArgumentException("need one mean and one standard deviation per channel of " + image
                    + ", got " + mean.length + " and " + std.length);
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c]) || !(std[c] > 0) || !Double.isFinite(std[c])) {
                throw new IllegalArgumentException("channel " + c + " has mean " + mean[c] + " and standard deviation "
                        + std[c] + "; need a finite mean and a positive finite deviation");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Per channel the mean and population standard deviation of {@code train}'s pixels, accumulated in {@code double}.
     *
     * @throws IllegalArgumentException if the rows do not hold {@code image}s, the set is empty or a channel is constant
     */
    public static ChannelStandardization fit(LabeledData train, ImageShape image) {
        requireImages(train.featureCount(), image);
        float[] features = new float[train.size() * train.featureCount()];
        for (int i = 0; i < train.size(); i++) {
            train.copyFeatures(i, features, i * train.featureCount());
        }
        return fit(features, image);
    }

    /**
     * As {@link #fit(LabeledData, ImageShape)} on row-major feature rows {@code features} (whole {@code image}s), for
     * readers that standardise a large set before wrapping it.
     */
    public static ChannelStandardization fit(float[] features, ImageShape image) {
        int d = image.features();
        if (features.length == 0 || features.length % d != 0) {
            throw new IllegalArgumentException(features.length == 0 ? "cannot standardise inputs from an empty training set"
                    : features.length + " values are not whole " + image + " images");
        }
        int channels = image.channels();
        int pixels = image.pixels();
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        for (int offset = 0; offset < features.length; offset += d) {
            for (int c = 0; c < channels; c++) {
                for (int p = offset + c * pixels; p < offset + (c + 1) * pixels; p++) {
                    sum[c] += features[p];
                }
            }
        }
        long n = (long) (features.length / d) * pixels;
        double[] mean = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = sum[c] / n;
        }
        for (int offset = 0; offset < features.length; offset += d) {
            for (int c = 0; c < channels; c++) {
                for (int p = offset + c * pixels; p < offset + (c + 1) * pixels; p++) {
                    squares[c] += (features[p] - mean[c]) * (features[p] - mean[c]);
                }
            }
        }
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            std[c] = Math.sqrt(squares[c] / n);
            if (!(std[c] > 0)) {
                throw new IllegalArgumentException("every training pixel of channel " + c + " equals " + mean[c]
                        + "; inputs cannot be standardised");
            }
        }
        return new ChannelStandardization(image, mean, std);
    }

    /**
     * {@code data} with every pixel of channel {@code c} mapped to {@code (x - mean_c) / std_c}.
     *
     * @throws IllegalArgumentException if the rows do not hold this standardisation's images
     */
    public LabeledData apply(LabeledData data) {
        requireImages(data.featureCount(), image);
        float[] features = new float[data.size() * data.featureCount()];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, features, i * data.featureCount());
        }
        applyInPlace(features);
        return new LabeledData(features, data.labels(), data.featureCount(), data.classCount());
    }

    /** Maps row-major feature rows {@code features} (whole images) in place, as {@link #apply} does. */
    public void applyInPlace(float[] features) {
        int d = image.features();
        if (features.length % d != 0) {
            throw new IllegalArgumentException(features.length + " values are not whole " + image + " images");
        }
        int pixels = image.pixels();
        for (int offset = 0; offset < features.length; offset += d) {
            for (int c = 0; c < image.channels(); c++) {
                float scale = (float) (1 / std[c]);
                float shift = (float) (-mean[c] / std[c]);
                for (int p = offset + c * pixels; p < offset + (c + 1) * pixels; p++) {
                    features[p] = features[p] * scale + shift;
                }
            }
        }
    }

    private static void requireImages(int featureCount, ImageShape image) {
        if (featureCount != image.features()) {
            throw new IllegalArgumentException("rows of " + featureCount + " features are not " + image + " images");
        }
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** E.g. {@code standardised per channel (x - [0.4914, 0.4822, 0.4465]) / [0.2470, 0.2435, 0.2616]}, for data sources. */
    public String describe() {
        return "standardised per channel (x - " + format(mean) + ") / " + format(std);
    }

    private static String format(double[] values) {
        return IntStream.range(0, values.length).mapToObj(c -> String.format(Locale.ROOT, "%.4f", values[c]))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelStandardization other && image.equals(other.image) && Arrays.equals(mean, other.mean)
                && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return image.hashCode() * 31 + Arrays.hashCode(mean) * 17 + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return describe();
    }
}
