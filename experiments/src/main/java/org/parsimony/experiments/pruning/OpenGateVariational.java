package org.parsimony.experiments.pruning;

import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.VariationalMlp;
import org.parsimony.variational.training.PriorSettings;
import org.parsimony.variational.training.TrainerConfig;
import org.parsimony.variational.training.VariationalTrainer;
import org.parsimony.variational.training.TrainingListener;

/**
 * A variational MLP trained with its gates held open (gate learning rate 1e-12, so no unit is removed), the source of
 * MU's variational-posterior standard deviations: its posterior-mean network and its posterior statistics
 * ({@code mu}, {@code sigma = exp(log sigma^2 / 2)}), which MU scores as {@code |mu| / sigma} (Ko et al. 2019 score
 * the pseudo-bootstrap instead; this is the comparison issue 19 asks for).
 *
 * @param network   the posterior-mean network
 * @param posterior its posterior statistics
 */
public record OpenGateVariational(DeterministicMlp network, PosteriorStatistics posterior) {

    /**
     * Trains the net of {@code hidden} widths on {@code train} for {@code epochs} epochs, seeded by {@code seed},
     * reporting its accuracy on {@code monitor} (which does not change the training).
     */
    public static OpenGateVariational train(int[] hidden, LabeledData train, LabeledData monitor, int epochs, long seed) {
        TrainerConfig config = TrainerConfig.builder().epochs(epochs).fineTuneEpochs(0).gateLearningRate(1e-12).seed(seed)
                .build();
        VariationalTrainer trainer = new VariationalTrainer(config, PriorSettings.defaults());
        VariationalMlp net = trainer.initialize(train, hidden);
        trainer.train(net, train, monitor, TrainingListener.NONE);
        return new OpenGateVariational(net.toDeterministic(), PosteriorStatistics.fromVariational(net));
    }

    /** Frees the native memory of the network and the statistics. */
    public void close() {
        network.close();
        posterior.close();
    }
}
