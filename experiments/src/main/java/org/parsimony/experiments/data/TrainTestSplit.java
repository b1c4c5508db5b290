package org.parsimony.experiments.data;

import org.parsimony.variational.data.LabeledData;

/**
 * A data set's training and test parts, with a description of where they came from (recorded in results).
 *
 * @param train  training examples
 * @param test   test examples
 * @param source where the data was read from
 */
public record TrainTestSplit(LabeledData train, LabeledData test, String source) {
}
