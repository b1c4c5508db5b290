package org.parsimony.variational.optim;

/**
 * Cosine annealing of a learning rate (Loshchilov &amp; Hutter 2017, without restarts):
 * {@code lr(t) = lr (1 + cos(pi t / T)) / 2} at step {@code t} of {@code T}, from the full rate down to 0. The usual
 * recipe for re-training a pruned network: its last steps settle instead of jittering at the full step size.
 */
public final class CosineAnnealing {
    private CosineAnnealing() {
    }

    /**
     * The rate at step {@code step} of {@code totalSteps} (clamped to {@code [0, totalSteps]}; the full rate when
     * {@code totalSteps <= 0}).
     */
    public static double rate(double learningRate, long step, long totalSteps) {
        double progress = totalSteps <= 0 ? 0 : Math.min(1.0, Math.max(0.0, (double) step / totalSteps));
        return learningRate * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** Number of minibatches of an epoch over {@code examples} examples. */
    public static long stepsPerEpoch(int examples, int batchSize) {
        return (examples + batchSize - 1) / batchSize;
    }
}
