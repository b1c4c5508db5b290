package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.criteria.CriterionNeed;
import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.PrunedNetwork;
import org.parsimony.pruning.Pruner;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.statistics.PseudoBootstrapRecorder;
import org.parsimony.variational.network.DeterministicNetwork;

import java.util.Arrays;

/**
 * A convolutional network whose filters (and dense hidden units) are the prunable units: {@code lenet5} or {@code vgg}
 * on square images of any number of channels ({@link org.parsimony.variational.network.Architecture#forImages}), optionally
 * resized ({@code lenet5:4,6,16}). The dense start is trained by {@link LikelihoodGraphTrainer} (SameDiff graph, Adam,
 * the same settings as an MLP's start) while the pseudo-bootstrap records the last iterates of every kernel; a
 * criterion scores each filter's kernel {@code W[:, :, :, j]} as a column of the reshaped kernel, removes the lowest
 * scores layer-wise by surgery ({@link Pruner}) and the smaller net is fine-tuned by the same trainer. SiPP is
 * defined for MLPs only and is not supported.
 *
 * <p>{@code vgg16}, {@code resnet20} and {@code resnet56} are batch-normalised in their variational runs; their dense
 * starts (trained by the deterministic graph, which has no batch normalisation) are the same nets without it. In a
 * ResNet the criteria score a residual stream's channels as groups (the mean of the scores of the layers writing each
 * channel) and the channels are removed from the whole stream ({@link org.parsimony.pruning.surgery.CoupledChannels}).
 *
 * @param name      the name it was given
 * @param reference {@code lenet5}, {@code vgg}, {@code vgg16}, {@code resnet20} or {@code resnet56}
 * @param gated     filters/units per gated layer, or {@code null} for the reference widths
 * @param width     multiplier of the reference widths ({@code vgg16:x0.25}), 1 unless given; ignored with {@code gated}
 */
public record ConvArchitecture(String name, String reference, int[] gated, double width) implements StudyArchitecture {
    /** The reference conv nets by name. */
    static final java.util.Set<String> REFERENCES = java.util.Set.of("lenet5", "vgg", "vgg16", "resnet20", "resnet56");

    /** @throws IllegalArgumentException for an unknown reference, a non-positive width or multiplier */
    public ConvArchitecture {
        if (!REFERENCES.contains(reference)) {
            throw new IllegalArgumentException("unknown conv architecture '" + reference
                    + "' (known: lenet5, vgg, vgg16, resnet20, resnet56)");
        }
        if (!(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("architecture '" + name + "': the width multiplier must be positive, got "
                    + width);
        }
        if (gated != null && Arrays.stream(gated).anyMatch(w -> w <= 0)) {
            throw new IllegalArgumentException("architecture '" + name + "': widths must be positive, got "
                    + Arrays.toString(gated));
        }
        gated = gated == null ? null : gated.clone();
    }

    /** The reference widths ({@code lenet5}, {@code vgg16}) or given ones ({@code lenet5:4,6,16}). */
    public ConvArchitecture(String name, String reference, int[] gated) {
        this(name, reference, gated, 1.0);
    }

    /** The layer structure for {@code data}'s image size and classes. */
    public org.parsimony.variational.network.Architecture layers(TrainTestSplit data) {
        var architecture = org.parsimony.variational.network.Architecture.forImages(reference, data.image(),
                data.train().classCount());
        return gated != null ? architecture.withGatedUnits(gated) : width == 1 ? architecture : architecture.scaled(width);
    }

    /** The structure of the dense starts: {@link #layers} without batch normalisation. */
    private org.parsimony.variational.network.Architecture denseLayers(TrainTestSplit data) {
        return layers(data).withBatchNorm(false);
    }

    @Override
    public void check(TrainTestSplit data) {
        layers(data);
    }

    /** Every method but those whose criterion scores MLPs only (SiPP). */
    @Override
    public boolean supports(StudyMethod method) {
        return method.criterion() == null || !method.criterion().needs(CriterionNeed.MLP);
    }

    @Override
    public TrainedDense trainDense(TrainTestSplit data, StudyBudget budget, long seed) {
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(budget.bootstrapWindow());
        DeterministicNetwork network = trainer(seed, budget.denseEpochs())
                .train(LikelihoodGraphTrainer.initialize(denseLayers(data), seed), data.train(), recorder);
        return new Dense(network, PosteriorStatistics.fromPseudoBootstrap(network, recorder),
                RunMeasurement.dense(network, data.test()));
    }

    @Override
    public RunMeasurement prune(TrainedDense dense, CriterionType criterion, double ratio, long seed, TrainTestSplit data,
                                StudyBudget budget) {
        if (!(dense instanceof Dense d)) {
            throw new IllegalArgumentException("architecture " + name + " cannot prune a dense start made by another one");
        }
        PrunedNetwork pruned = Pruner.of(criterion).toRatio(ratio).layerWise().rounds(budget.rounds()).seed(seed)
                .timingRepeats(0)
                .fineTune(FineTuneConfig.defaults().withEpochs(budget.fineTuneEpochs()).forFineTuning())
                .prune(d.network, d.statistics, data.train(), data.test());
        return RunMeasurement.of(pruned.report().accuracyPruned(), pruned.report().accuracyFineTuned(), pruned.network(),
                d.network.complexity(), d.network.widths());
    }

    @Override
    public RunMeasurement trainVariational(TrainTestSplit data, StudyBudget budget, long seed, TrainerVariant variant) {
        return VariationalRun.measure(layers(data), data, budget, seed, variant);
    }

    /** The deterministic trainer of dense starts: the MLP settings ({@link FineTuneConfig#defaults()}). */
    private static LikelihoodGraphTrainer trainer(long seed, int epochs) {
        return new LikelihoodGraphTrainer(settings(seed, epochs));
    }

    /** The MLP settings ({@link FineTuneConfig#defaults()}) with this seed and number of epochs. */
    private static FineTuneConfig settings(long seed, int epochs) {
        return FineTuneConfig.defaults().withSeed(seed).withEpochs(epochs);
    }

    @Override
    public int[] gated() {
        return gated == null ? null : gated.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvArchitecture other && name.equals(other.name) && Arrays.equals(gated, other.gated)
                && width == other.width;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(gated);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The dense conv start with its pseudo-bootstrap statistics. */
    private record Dense(DeterministicNetwork network, PosteriorStatistics statistics, RunMeasurement baseline)
            implements TrainedDense {
    }
}
