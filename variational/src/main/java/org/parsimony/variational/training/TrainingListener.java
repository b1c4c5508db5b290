package org.parsimony.variational.training;

/** Receives a report after every epoch (progress display, logging, checkpoints). */
@FunctionalInterface
public interface TrainingListener {
    void onEpoch(EpochReport report, int totalEpochs);
}
