package org.parsimony.variational.training;

/** Receives a report after every epoch (progress display, logging, checkpoints). */
@FunctionalInterface
public interface TrainingListener {
    void onEpoch(EpochReport report, int totalEpochs);

    /** Receives a warning about the epoch just reported (a loss that exploded, see {@link DivergenceGuard}). */
    default void onWarning(String warning) {
    }
}
