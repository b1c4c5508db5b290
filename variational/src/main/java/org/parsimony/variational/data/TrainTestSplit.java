package org.parsimony.variational.data;

import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.InputStandardization;

import java.util.Locale;

/**
 * A data set's training and test parts, with a description of where they came from (recorded in results) and the
 * shape of one image, which the flat feature rows do not tell (a 16x49 image has the pixels of a 28x28 one).
 * {@link Datasets} makes one from IDX files, the bundled subset or a CSV file.
 *
 * <p>A split standardised by {@link #standardized()} remembers its standardisation, so that a network trained on it
 * can be turned into one that reads the raw features ({@link #readingRawInputs}) before it is saved.
 *
 * @param train           training examples
 * @param test            test examples
 * @param source          where the data was read from
 * @param image           the shape of one example, {@code [channels, height, width]}
 * @param standardization the standardisation the features went through since they were read, or {@code null}
 */
public record TrainTestSplit(LabeledData train, LabeledData test, String source, ImageShape image,
                             InputStandardization standardization) {

    /** @throws IllegalArgumentException if the image shape does not hold the examples' features */
    public TrainTestSplit {
        if (image.features() != train.featureCount() || image.features() != test.featureCount()) {
            throw new IllegalArgumentException("images of " + image.channels() + "x" + image.height() + "x"
                    + image.width() + " do not hold the " + train.featureCount() + " (train) and " + test.featureCount()
                    + " (test) features");
        }
    }

    /** A split of features as they were read (no standardisation remembered). */
    public TrainTestSplit(LabeledData train, LabeledData test, String source, ImageShape image) {
        this(train, test, source, image, null);
    }

    /** Widths of an MLP for this data: inputs, {@code hidden}, classes. */
    public int[] networkWidths(int[] hidden) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = train.featureCount();
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = train.classCount();
        return widths;
    }

    /**
     * Both parts mapped by {@code standardization} (fitted on the training part), the source saying so; the split
     * remembers it, composed with any standardisation before ({@code ((x - m1) / s1 - m2) / s2 = (x - (m1 + m2 s1)) /
     * (s1 s2)}).
     */
    public TrainTestSplit standardized(InputStandardization standardization) {
        InputStandardization since = this.standardization == null ? standardization : new InputStandardization(
                this.standardization.mean() + standardization.mean() * this.standardization.std(),
                this.standardization.std() * standardization.std());
        return new TrainTestSplit(standardization.apply(train), standardization.apply(test), String.format(
                Locale.ROOT, "%s, standardised (x - %.4f) / %.4f", source, standardization.mean(),
                standardization.std()), image, since);
    }

    /**
     * Both parts standardised by the training part's global mean and standard deviation
     * ({@link InputStandardization#fit}), the inputs the priors and initialisations assume.
     */
    public TrainTestSplit standardized() {
        return standardized(InputStandardization.fit(train));
    }

    /**
     * {@code network}, trained on this split's features, as a network that reads the features as they were read
     * (pixels in [0, 1]): the remembered standardisation folded into its first layer ({@link
     * InputStandardization#foldInto}), or {@code network} itself if the split was not standardised.
     *
     * @throws IllegalArgumentException if the first layer is a zero-padded convolution, into which no fold is exact
     */
    public DeterministicNetwork readingRawInputs(DeterministicNetwork network) {
        return standardization == null ? network : standardization.foldInto(network);
    }
}
