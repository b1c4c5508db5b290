package org.parsimony.variational.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.priors.BernoulliGatePrior;
import org.parsimony.priors.FlattenedGatePrior;
import org.parsimony.priors.GatePrior;
import org.parsimony.variational.data.ImageAugmentation;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.BatchNormState;
import org.parsimony.variational.network.LayerSpec;
import org.parsimony.variational.network.ParameterKey;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.VariationalDenseParameters;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalMlp;
import org.parsimony.variational.network.VariationalNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts the state of a variational run ({@link RunState}) to the {@link TrainingCheckpoint} that
 * {@link CheckpointFile} writes, and a checkpoint back to the network and counters a resumed run continues from,
 * checking that they fit one another; and states the settings fingerprint a checkpoint must carry to be resumed by a
 * trainer of these settings.
 */
final class CheckpointCodec {
    private final TrainerConfig config;
    private final PriorSettings priors;
    private final ImageAugmentation augmentation;

    CheckpointCodec(TrainerConfig config, PriorSettings priors, ImageAugmentation augmentation) {
        this.config = config;
        this.priors = priors;
        this.augmentation = augmentation;
    }

    /**
     * The settings a checkpoint must have been written with to be resumed by this trainer, for a run that started from
     * {@code architecture} (its layers and widths are settings too: a run resumed with other widths is refused).
     */
    String fingerprint(Architecture architecture, String data) {
        String inclusion = priors.inclusionHyperPrior() == null ? "none"
                : priors.inclusionHyperPrior().describe();
        String slab = priors.slabHyperPrior() == null ? "fixed"
                : "InvGamma(" + priors.slabHyperPrior().shape() + "," + priors.slabHyperPrior().scale() + ")";
        return settingsOf(config) + " priors[spikeRatio=" + priors.spikeRatio() + ", initialInclusion=" + priors.initialInclusion()
                + ", initialSlabVariance=" + priors.initialSlabVariance() + ", inclusion=" + inclusion + ", slab=" + slab
                + ", flattenedGatePrior=" + priors.flattenedGatePrior() + customGatePrior() + "]"
                + " architecture=" + architecture
                + (data.isEmpty() ? "" : " data=" + data)
                + (augmentation == null ? "" : " augmentation=" + augmentation);
    }

    /**
     * The trainer settings as the fingerprint states them: the record's text without {@code rescaleUnits=false}, so a
     * checkpoint written before that setting existed (whose text lacks it) is still resumed by a run that leaves it off.
     */
    static String settingsOf(TrainerConfig config) {
        return config.toString().replace(", rescaleUnits=false", "");
    }

    /**
     * A gate prior other than the built-in two, by its {@code toString} (the built-in ones are recorded by the flag
     * that checkpoints written before gate priors were pluggable hold).
     */
    private String customGatePrior() {
        GatePrior gate = priors.gatePrior();
        return gate instanceof BernoulliGatePrior || gate instanceof FlattenedGatePrior ? "" : ", gatePrior=" + gate;
    }

    TrainingCheckpoint checkpointOf(RunState state, int completedEpochs, String data) {
        Map<ParameterKey, INDArray> arrays = new LinkedHashMap<>();
        for (int l = 0; l < state.network.layerCount(); l++) {
            VariationalLayer p = state.network.layer(l);
            arrays.put(ParameterKind.WEIGHT_MEAN.at(l), p.weightMean());
            arrays.put(ParameterKind.WEIGHT_LOG_VARIANCE.at(l), p.weightLogVariance());
            arrays.put(ParameterKind.BIAS.at(l), p.bias());
            if (p.gate() != null) {
                arrays.put(ParameterKind.GATE.at(l), p.gate());
            }
            if (p.norm() != null) {
                arrays.put(ParameterKind.BATCH_NORM_SCALE.at(l), p.norm().scale());
                arrays.put(ParameterKind.BATCH_NORM_SHIFT.at(l), p.norm().shift());
                arrays.put(ParameterKind.BATCH_NORM_MEAN.at(l), p.norm().mean());
                arrays.put(ParameterKind.BATCH_NORM_VARIANCE.at(l), p.norm().variance());
            }
        }
        Map<ParameterKey, INDArray[]> moments = new LinkedHashMap<>();
        for (ParameterKey key : state.adam.keys()) {
            moments.put(key, state.adam.moments(key));
        }
        int[][] below = new int[state.epochsBelow.length][];
        for (int l = 0; l < below.length; l++) {
            below[l] = state.epochsBelow[l].clone();
        }
        // the architecture is left out when the initial widths rebuild it (an MLP's), as initialArchitectureOf reads it
        int[] widths = state.initialArchitecture.widths();
        Architecture architecture = state.initialArchitecture.equals(mlpOf(widths)) ? null : state.initialArchitecture;
        return new TrainingCheckpoint(fingerprint(state.initialArchitecture, data), completedEpochs, state.initialArchitecture.widths(),
                arrays, state.adam.step(), moments, List.copyOf(state.layerPriors), below, List.copyOf(state.history),
                architecture);
    }

    static VariationalNetwork networkOf(TrainingCheckpoint c, java.nio.file.Path file) {
        List<VariationalLayer> layers = new ArrayList<>();
        Architecture architecture = c.architecture();
        for (int l = 0; ; l++) {
            if (!c.arrays().containsKey(ParameterKind.WEIGHT_MEAN.at(l))) {
                break;
            }
            INDArray bias = c.arrays().get(ParameterKind.BIAS.at(l));
            LayerSpec spec = architecture != null && l < architecture.layerCount() ? architecture.layer(l) : null;
            try {
                INDArray mean = c.arrays().get(ParameterKind.WEIGHT_MEAN.at(l));
                INDArray logVariance = c.arrays().get(ParameterKind.WEIGHT_LOG_VARIANCE.at(l));
                INDArray rowBias = bias == null ? null : bias.reshape(1, bias.length());
                INDArray gate = c.arrays().get(ParameterKind.GATE.at(l));
                if (gate != null && (gate.minNumber().doubleValue() < 0 || gate.maxNumber().doubleValue() > 1)) {
                    throw new CheckpointException(file, "layer " + l + " has gate probabilities outside [0, 1]");
                }
                // an MLP checkpoint stores no architecture: its layers are dense
                layers.add(spec == null ? new VariationalDenseParameters(mean, logVariance, rowBias, gate)
                        : spec.type().variationalLayer(mean, logVariance, rowBias, gate, spec.batchNorm() ? batchNormOf(c, l) : null));
            } catch (CheckpointException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CheckpointException(file, "layer " + l + " is inconsistent: " + e.getMessage());
            }
        }
        if (layers.size() < 2) {
            throw new CheckpointException(file, "holds no network");
        }
        try {
            return architecture == null
                    ? new VariationalMlp(layers.stream().map(VariationalDenseParameters.class::cast).toList())
                    : new VariationalNetwork(architecture, layers);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "the layers do not form a network: " + e.getMessage());
        }
    }

    /**
     * Checks that the checkpoint's priors, removal counters and initial widths have one entry per layer (per hidden
     * unit for the counters) of {@code network}, the network it holds.
     */
    static void checkCounters(TrainingCheckpoint c, VariationalNetwork network, java.nio.file.Path file) {
        int[][] below = c.epochsBelow();
        int[] widths = network.widths();
        boolean fits = c.priors().size() == network.layerCount() && below != null && below.length == network.layerCount() - 1
                && c.initialWidths() != null && c.initialWidths().length == widths.length;
        for (int l = 0; fits && l < below.length; l++) {
            fits = below[l] != null && below[l].length == widths[l + 1];
        }
        if (!fits) {
            throw new CheckpointException(file, "priors, removal counters or initial widths do not match the network");
        }
    }

    /**
     * The architecture the run of {@code c} started from: the one it records (a conv net's), or the MLP of its initial
     * widths.
     */
    static Architecture initialArchitectureOf(TrainingCheckpoint c, java.nio.file.Path file) {
        if (c.architecture() != null) {
            return c.architecture();
        }
        int[] widths = c.initialWidths();
        if (widths == null || widths.length < 2) {
            throw new CheckpointException(file, "records no initial widths");
        }
        return mlpOf(widths);
    }

    /** The MLP of widths {@code n_0, ..., n_L}: what a checkpoint that records no architecture started from. */
    private static Architecture mlpOf(int[] widths) {
        return Architecture.mlp(widths[0], Arrays.copyOfRange(widths, 1, widths.length - 1), widths[widths.length - 1]);
    }

    /** Layer {@code l}'s batch normalisation as the checkpoint holds it. */
    private static BatchNormState batchNormOf(TrainingCheckpoint c, int l) {
        ParameterKind[] kinds = {ParameterKind.BATCH_NORM_SCALE, ParameterKind.BATCH_NORM_SHIFT,
                ParameterKind.BATCH_NORM_MEAN, ParameterKind.BATCH_NORM_VARIANCE};
        INDArray[] arrays = new INDArray[kinds.length];
        for (int k = 0; k < kinds.length; k++) {
            arrays[k] = c.arrays().get(kinds[k].at(l));
            if (arrays[k] == null) {
                throw new IllegalArgumentException("no " + kinds[k].at(l) + " for the batch-normalised layer " + l);
            }
        }
        return new BatchNormState(arrays[0], arrays[1], arrays[2], arrays[3]);
    }
}
