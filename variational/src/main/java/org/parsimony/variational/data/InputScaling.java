package org.parsimony.variational.data;

import org.parsimony.variational.network.InputStandardization;

/**
 * How pixels reach the networks of a run or study: {@code standardized}, by the training set's global mean and
 * standard deviation ({@link InputStandardization}, the default since it puts the inputs on the He scale the priors
 * and initialisations assume), or {@code raw}, the pixels in [0, 1] (how results before that default were made).
 */
public enum InputScaling {
    standardized, raw;

    /** The standardisation fitted on {@code split}'s training part, or {@code null} for raw inputs. */
    public InputStandardization standardization(TrainTestSplit split) {
        return this == standardized ? InputStandardization.fit(split.train()) : null;
    }

    /** {@code split} as the networks see it. */
    public TrainTestSplit apply(TrainTestSplit split) {
        InputStandardization s = standardization(split);
        return s == null ? split : split.standardized(s);
    }

    /** One sentence for reports. */
    public String statement() {
        return this == standardized ? "Inputs: pixels standardised by the training set's mean and standard deviation."
                : "Inputs: raw pixels in [0, 1].";
    }
}
