package org.parsimony.variational.training;

/** Thrown when the loss or a gradient becomes NaN or infinite; the message says where and when. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
