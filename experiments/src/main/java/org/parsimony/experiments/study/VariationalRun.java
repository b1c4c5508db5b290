package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.training.EpochReport;
import org.parsimony.variational.training.PriorSettings;
import org.parsimony.variational.training.TrainerConfig;
import org.parsimony.variational.training.TrainingListener;
import org.parsimony.variational.training.TrainingResult;
import org.parsimony.variational.training.VariationalTrainer;

/**
 * The variational method of a study, for any architecture: the gated network trained from scratch by
 * {@link VariationalTrainer} with its default settings (as {@code parsimony train} does) for the budget's variational
 * epochs, then fine-tuned for its fine-tuning epochs; measured against the complexity of the architecture it started
 * from (exact counts, {@code Architecture#complexity}).
 */
final class VariationalRun {
    private VariationalRun() {
    }

    /** Trains and measures {@code architecture} on {@code data} with {@code seed} and the trainer's defaults changed by {@code variant}. */
    static RunMeasurement measure(Architecture architecture, TrainTestSplit data, StudyBudget budget, long seed,
                                  TrainerVariant variant) {
        TrainerConfig config = variant.applyTo(TrainerConfig.defaults().toBuilder().epochs(budget.variationalEpochs())
                .fineTuneEpochs(budget.fineTuneEpochs()).seed(seed)).build();
        VariationalTrainer trainer = new VariationalTrainer(config, PriorSettings.defaults());
        TrainingResult result = trainer.train(trainer.initialize(architecture), data.train(), data.test(),
                TrainingListener.NONE);
        double after = result.network().accuracy(data.test());
        double before = result.history().stream().filter(e -> !e.fineTuning()).reduce((a, b) -> b)
                .map(EpochReport::accuracy).orElse(after);
        return RunMeasurement.of(before, after, result.network(), result.architecture().complexity(),
                result.initialWidths());
    }
}
