package org.parsimony.pruning.finetune;

import org.parsimony.variational.optim.CosineAnnealing;
import org.parsimony.variational.training.TrainerConfig;

/**
 * Settings of {@link DeterministicTrainer}: minibatch Adam on the softmax cross-entropy.
 *
 * @param epochs       passes over the training data; 0 means no training (the network is returned as is)
 * @param batchSize    examples per Adam step
 * @param learningRate Adam step size
 * @param seed         fixes the minibatch order (and the initialisation of {@link DeterministicTrainer#initialize})
 * @param cosineDecay  whether the rate decays to 0 along a half cosine over all steps ({@link CosineAnnealing}): on for
 *                     fine-tuning a pruned network (the recipe the variational trainer's fine-tuning uses too, so a
 *                     comparison fine-tunes every method alike), off for training a dense start, whose last updates
 *                     MU's pseudo-bootstrap reads as resamples and must not shrink to nothing
 */
public record FineTuneConfig(int epochs, int batchSize, double learningRate, long seed, boolean cosineDecay) {

    /** Settings with a constant learning rate. */
    public FineTuneConfig(int epochs, int batchSize, double learningRate, long seed) {
        this(epochs, batchSize, learningRate, seed, false);
    }

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

    /**
     * 3 epochs, learning rate 1e-3 (the Adam default) and the batch size of the variational trainer (128), so a study
     * trains every method on the same minibatches; seed 0.
     */
    public static FineTuneConfig defaults() {
        return new FineTuneConfig(3, TrainerConfig.defaults().batchSize(), 1e-3, 0);
    }

    /** A copy with another number of epochs. */
    public FineTuneConfig withEpochs(int value) {
        return new FineTuneConfig(value, batchSize, learningRate, seed, cosineDecay);
    }

    /** A copy with another batch size. */
    public FineTuneConfig withBatchSize(int value) {
        return new FineTuneConfig(epochs, value, learningRate, seed, cosineDecay);
    }

    /** A copy with another learning rate. */
    public FineTuneConfig withLearningRate(double value) {
        return new FineTuneConfig(epochs, batchSize, value, seed, cosineDecay);
    }

    /** A copy with another seed. */
    public FineTuneConfig withSeed(long value) {
        return new FineTuneConfig(epochs, batchSize, learningRate, value, cosineDecay);
    }

    /** A copy for fine-tuning a pruned network: the rate decays along a half cosine. */
    public FineTuneConfig forFineTuning() {
        return new FineTuneConfig(epochs, batchSize, learningRate, seed, true);
    }

    /** The learning rate at step {@code step} of a run over {@code examples} examples. */
    public double learningRateAt(long step, int examples) {
        return cosineDecay
                ? CosineAnnealing.rate(learningRate, step, epochs * CosineAnnealing.stepsPerEpoch(examples, batchSize))
                : learningRate;
    }
}
