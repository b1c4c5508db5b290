package org.parsimony.variational.training;

import org.parsimony.variational.network.Architecture;

import java.util.Locale;

/**
 * What to change when a run diverges: the initial posterior standard deviation if it is large against the He scale
 * {@code sqrt(2 / n_in)} of some layer (its noise then swamps the weights' signal from the first step, and no learning
 * rate helps), else the learning rate. Named in the divergence error and warnings, so that the advice points at the
 * likely knob rather than always at the learning rate.
 */
final class DivergenceAdvice {
    /** {@code sigma / sqrt(2 / n_in)} above which the initial sigma is named: noise of 4x the signal's variance. */
    static final double LARGE_SIGMA_RATIO = 2;

    private DivergenceAdvice() {
    }

    /** The advice for a run of {@code config} that started from {@code architecture}. */
    static String of(TrainerConfig config, Architecture architecture) {
        int worst = 0;
        double worstRatio = 0;
        for (int l = 0; l < architecture.layerCount(); l++) {
            int fanIn = architecture.fanIn(l);
            double ratio = config.initialPosterior().sigma(fanIn) / Math.sqrt(2.0 / fanIn);
            if (ratio > worstRatio) {
                worst = l;
                worstRatio = ratio;
            }
        }
        if (worstRatio > LARGE_SIGMA_RATIO) {
            int fanIn = architecture.fanIn(worst);
            return String.format(Locale.ROOT, "the initial posterior standard deviation %.3g is %.0fx the He scale "
                    + "sqrt(2/n_in) = %.3g of layer %d: lower the initial sigma (not the learning rate)",
                    config.initialPosterior().sigma(fanIn), worstRatio, Math.sqrt(2.0 / fanIn), worst + 1);
        }
        return String.format(Locale.ROOT, "lower the learning rate (%.3g)", config.learningRate());
    }
}
