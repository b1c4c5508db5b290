package org.parsimony.experiments.cli;

import org.parsimony.variational.training.PriorSettings;
import org.parsimony.variational.training.TrainerConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;

/**
 * The defaults of {@code train}'s trainer and prior options, read from {@link TrainerConfig#defaults()} and
 * {@link PriorSettings#defaults()}, so that {@code --help} shows the values the library uses and they are written once.
 */
public final class TrainerDefaults implements IDefaultValueProvider {
    private static final TrainerConfig TRAINER = TrainerConfig.defaults();
    private static final Map<String, Object> VALUES = Map.ofEntries(
            Map.entry("--epochs", TRAINER.epochs()),
            Map.entry("--fine-tune", TRAINER.fineTuneEpochs()),
            Map.entry("--pi-min", TRAINER.piMin()),
            Map.entry("--lr", TRAINER.learningRate()),
            Map.entry("--batch-size", TRAINER.batchSize()),
            Map.entry("--variance-lr", TRAINER.varianceLearningRate()),
            Map.entry("--gate-lr", TRAINER.gateLearningRate()),
            Map.entry("--gate-update", TRAINER.gateUpdate()),
            Map.entry("--patience", TRAINER.patience()),
            Map.entry("--warmup", TRAINER.warmupEpochs()),
            Map.entry("--kl-weight", TRAINER.klWeight()),
            Map.entry("--gate-estimator", TRAINER.gateEstimator()),
            Map.entry("--initial-sigma", TRAINER.initialSigma()),
            Map.entry("--initial-sigma-ratio", TRAINER.initialSigmaRatio()),
            Map.entry("--init-scale", TRAINER.initialMeanScale()),
            Map.entry("--decision-horizon", TRAINER.decisionHorizon()),
            Map.entry("--rescale-units", TRAINER.rescaleUnits()),
            Map.entry("--spike-ratio", PriorSettings.defaults().spikeRatio()),
            Map.entry("--flattened-gate-prior", PriorSettings.defaults().flattenedGatePrior()),
            Map.entry("--inclusion-prior", InclusionHyperPriorConverter.formOf(PriorSettings.defaults().inclusionHyperPrior())));

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            Object value = VALUES.get(option.longestName());
            return value == null ? null : value.toString();
        }
        return null;
    }
}
