package org.parsimony.experiments.data;

import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.InputStandardization;

/**
 * A data set's training and test parts, with a description of where they came from (recorded in results) and the
 * shape of one image, which the flat feature rows do not tell (a 16x49 image has the pixels of a 28x28 one).
 *
 * @param train  training examples
 * @param test   test examples
 * @param source where the data was read from
 * @param image  the shape of one example, {@code [channels, height, width]}
 */
public record TrainTestSplit(LabeledData train, LabeledData test, String source, ImageShape image) {

    /** @throws IllegalArgumentException if the image shape does not hold the examples' features */
    public TrainTestSplit {
        if (image.features() != train.featureCount() || image.features() != test.featureCount()) {
            throw new IllegalArgumentException("images of " + image.channels() + "x" + image.height() + "x"
                    + image.width() + " do not hold the " + train.featureCount() + " (train) and " + test.featureCount()
                    + " (test) features");
        }
    }

    /** Widths of an MLP for this data: inputs, {@code hidden}, classes. */
    public int[] networkWidths(int[] hidden) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = train.featureCount();
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = train.classCount();
        return widths;
    }

    /** Both parts mapped by {@code standardization} (fitted on the training part), the source saying so. */
    public TrainTestSplit standardized(InputStandardization standardization) {
        return new TrainTestSplit(standardization.apply(train), standardization.apply(test), String.format(
                java.util.Locale.ROOT, "%s, standardised (x - %.4f) / %.4f", source, standardization.mean(),
                standardization.std()), image);
    }
}
