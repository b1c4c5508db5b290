package org.parsimony.pruning.finetune;

/**
 * Settings of {@link DeterministicTrainer}: minibatch Adam on the softmax cross-entropy.
 *
 * @param epochs       passes over the training data; 0 means no training (the network is returned as is)
 * @param batchSize    examples per Adam step
 * @param learningRate Adam step size
 * @param seed         fixes the minibatch order (and the initialisation of {@link DeterministicTrainer#initialize})
 */
public record FineTuneConfig(int epochs, int batchSize, double learningRate, long seed) {

    /** @throws IllegalArgumentException on negative epochs, a non-positive batch size or learning rate */
    public FineTuneConfig {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
    }

    /** 3 epochs, batches of 100, learning rate 1e-3 (the Adam default), seed 0. */
    public static FineTuneConfig defaults() {
        return new FineTuneConfig(3, 100, 1e-3, 0);
    }

    /** A copy with another number of epochs. */
    public FineTuneConfig withEpochs(int value) {
        return new FineTuneConfig(value, batchSize, learningRate, seed);
    }

    /** A copy with another batch size. */
    public FineTuneConfig withBatchSize(int value) {
        return new FineTuneConfig(epochs, value, learningRate, seed);
    }

    /** A copy with another learning rate. */
    public FineTuneConfig withLearningRate(double value) {
        return new FineTuneConfig(epochs, batchSize, value, seed);
    }

    /** A copy with another seed. */
    public FineTuneConfig withSeed(long value) {
        return new FineTuneConfig(epochs, batchSize, learningRate, value);
    }
}
