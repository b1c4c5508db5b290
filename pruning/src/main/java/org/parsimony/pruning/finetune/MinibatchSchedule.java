package org.parsimony.pruning.finetune;

import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.elements.NativeArrayPool;
import org.parsimony.variational.training.NoiseSource;

/**
 * The minibatches of deterministic training, shared by {@link DeterministicTrainer} and {@link LikelihoodGraphTrainer}
 * so that both follow one schedule: per epoch the permutation of {@code NoiseSource(seed)} cut into batches of
 * {@code batchSize}. A batch's native arrays are reused by the next, as the variational trainer reuses its own, so the
 * benchmark's deterministic baselines do not pay an allocation per step that the variational step does not.
 */
final class MinibatchSchedule {
    /** What a trainer does with one minibatch of an epoch. */
    @FunctionalInterface
    interface Step {
        void take(int epoch, Minibatch batch);
    }

    private MinibatchSchedule() {
    }

    /** Runs {@code step} on every minibatch of {@code config.epochs()} epochs over {@code data}, in order. */
    static void run(LabeledData data, FineTuneConfig config, Step step) {
        try (NativeArrayPool arrays = new NativeArrayPool()) {
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                int[] order = new NoiseSource(config.seed()).permutation(epoch, data.size());
                for (int from = 0; from < order.length; from += config.batchSize()) {
                    Minibatch batch = Minibatch.of(data, order, from, Math.min(order.length, from + config.batchSize()),
                            arrays);
                    step.take(epoch, batch);
                    arrays.giveBack(batch.features());
                    arrays.giveBack(batch.oneHot());
                }
            }
        }
    }
}
