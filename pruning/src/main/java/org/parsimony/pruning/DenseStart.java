package org.parsimony.pruning;

import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.statistics.PseudoBootstrapRecorder;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.memory.TrainingFootprint;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.Arrays;

/**
 * The common starting point of a structured pruning comparison: a deterministic network and its posterior
 * statistics, the standard deviations from the pseudo-bootstrap over the last {@code window} Adam updates of its
 * training (Ko, Oehmcke &amp; Gieseke 2019), so MU can score it and every other criterion sees the same weights.
 *
 * @param network    the dense network
 * @param statistics its weights with pseudo-bootstrap standard deviations
 */
public record DenseStart(DeterministicMlp network, PosteriorStatistics statistics) {

    /**
     * Trains a He-initialised network of {@code widths} from scratch, recording the last {@code window} updates.
     *
     * @throws IllegalArgumentException before anything is allocated if the training would not fit in memory
     *                                  ({@link TrainingFootprint#deterministic})
     */
    public static DenseStart train(int[] widths, LabeledData train, FineTuneConfig config, int window) {
        TrainingFootprint.deterministic(Architecture.mlp(widths[0], Arrays.copyOfRange(widths, 1, widths.length - 1),
                widths[widths.length - 1]), config.batchSize(), window).requireAvailable();
        DeterministicMlp initial = DeterministicTrainer.initialize(widths, config.seed());
        return continueTraining(initial, train, config, window);
    }

    /**
     * Continues training {@code network} for {@code config.epochs()} epochs (for a loaded model: one short pass)
     * to record the pseudo-bootstrap; the result, not the input, is the starting point.
     */
    public static DenseStart continueTraining(DeterministicMlp network, LabeledData train, FineTuneConfig config,
                                              int window) {
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(window);
        DeterministicMlp trained = new DeterministicTrainer(config).train(network, train, null, recorder);
        return new DenseStart(trained, PosteriorStatistics.fromPseudoBootstrap(trained, recorder));
    }
}
