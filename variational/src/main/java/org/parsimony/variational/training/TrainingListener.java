package org.parsimony.variational.training;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Hooks into a training run (progress display, logging, statistics such as MU's pseudo-bootstrap), the one listener
 * type of every {@link Trainer}: a trainer calls {@link #afterStep} after every optimizer update where it can show its
 * weights (the deterministic trainers), and {@link #onEpoch} / {@link #onWarning} after every epoch where it reports
 * epochs (the variational trainer). Every method does nothing unless overridden.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Receives the report of an epoch and the run's number of epochs. */
    default void onEpoch(EpochReport report, int totalEpochs) {
    }

    /** Receives a warning about the epoch just reported (a loss that exploded, see {@link DivergenceGuard}). */
    default void onWarning(String warning) {
    }

    /**
     * Called after every optimizer update.
     *
     * @param step    number of updates made so far (1 after the first)
     * @param loss    the minibatch loss the update was computed from (mean cross-entropy, before the update)
     * @param weights the live weight matrices {@code [n_{l-1}, n_l]} after the update; read them, copy what must be kept
     *                (they are freed when training ends), never modify them
     */
    default void afterStep(long step, double loss, List<INDArray> weights) {
    }

    /** A listener of epoch reports only. */
    static TrainingListener onEpochs(BiConsumer<EpochReport, Integer> onEpoch) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report, int totalEpochs) {
                onEpoch.accept(report, totalEpochs);
            }
        };
    }

    /** A listener of optimizer steps only. */
    static TrainingListener onSteps(Steps afterStep) {
        return new TrainingListener() {
            @Override
            public void afterStep(long step, double loss, List<INDArray> weights) {
                afterStep.afterStep(step, loss, weights);
            }
        };
    }

    /** The signature of {@link #afterStep}, for lambdas ({@link #onSteps}). */
    @FunctionalInterface
    interface Steps {
        void afterStep(long step, double loss, List<INDArray> weights);
    }
}
