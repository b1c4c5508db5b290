package org.parsimony.pruning.finetune;

import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.graph.LikelihoodGraph;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.optim.AdamOptimizer;
import org.parsimony.variational.training.Trainer;
import org.parsimony.variational.training.TrainingListener;

/**
 * Trains or fine-tunes any {@link DeterministicNetwork}, convolutional ones included, with minibatch Adam on the mean
 * softmax cross-entropy, gradients from the SameDiff {@link LikelihoodGraph}. The schedule is
 * {@link DeterministicTrainer}'s (same minibatch permutations from {@code NoiseSource(seed)}, same Adam, same
 * listener calls), so on an MLP both end at the same weights; this one also differentiates convolutions.
 */
public final class LikelihoodGraphTrainer implements Trainer<DeterministicNetwork, DeterministicNetwork> {
    private final FineTuneConfig config;

    /** A trainer with the given settings. */
    public LikelihoodGraphTrainer(FineTuneConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /**
     * A fresh network of {@code architecture}: He-normal weights {@code N(0, 2 / fanIn)} (He et al. 2015) and zero
     * biases, the posterior means of a fresh {@link VariationalNetwork} with every gate open, so a dense start and a
     * variational run of one seed start from the same weights.
     */
    public static DeterministicNetwork initialize(Architecture architecture, long seed) {
        return VariationalNetwork.initialize(architecture, 1.0, 1.0, seed).toDeterministic();
    }

    /** The {@link Trainer} contract's initialisation: {@link #initialize(Architecture, long)} with the config's seed. */
    @Override
    public DeterministicNetwork initialize(Architecture architecture) {
        return initialize(architecture, config.seed());
    }

    /**
     * Runs {@code config.epochs()} epochs of Adam from the network's current weights; the input is not modified.
     *
     * @param listener its {@link TrainingListener#afterStep} called after every update with the weights as
     *                 {@code [fanIn, units]} matrices, or {@code null}
     * @throws IllegalArgumentException if the data's feature or class count does not match or the data are empty
     * @throws IllegalStateException    if the loss becomes non-finite (learning rate too large)
     */
    @Override
    public DeterministicNetwork train(DeterministicNetwork network, LabeledData data, TrainingListener listener) {
        int[] widths = network.widths();
        if (data.featureCount() != widths[0] || data.classCount() != widths[widths.length - 1]) {
            throw new IllegalArgumentException("data have " + data.featureCount() + " features and " + data.classCount()
                    + " classes, the network " + widths[0] + " inputs and " + widths[widths.length - 1] + " outputs");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        LikelihoodGraph graph = new LikelihoodGraph(network);
        AdamOptimizer adam = new AdamOptimizer();
        MinibatchSchedule.run(data, config, (epoch, batch) -> {
            double loss = graph.step(batch, adam, config.learningRateAt(adam.step(), data.size()));
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("loss became " + loss + " at epoch " + epoch
                        + "; lower the learning rate (" + config.learningRate() + ")");
            }
            if (listener != null) {
                listener.afterStep(adam.step(), loss, graph.weightColumns());
            }
        });
        return graph.network();
    }
}
