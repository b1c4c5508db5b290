package org.parsimony.experiments.data;

import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.InputStandardization;

/**
 * A data set's training and test parts, with a description of where they came from (recorded in results).
 *
 * @param train  training examples
 * @param test   test examples
 * @param source where the data was read from
 */
public record TrainTestSplit(LabeledData train, LabeledData test, String source) {

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
                java.util.Locale.ROOT, "%s, standardised (x - %.4f) / %.4f", source, standardization.mean(), standardization.std()));
    }
}
