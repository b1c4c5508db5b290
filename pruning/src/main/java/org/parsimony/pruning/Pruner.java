package org.parsimony.pruning;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.CriterionNeed;
import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.criteria.PruningCriteria;
import org.parsimony.pruning.evaluation.InferenceTiming;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.PruningOutcome;
import org.parsimony.pruning.policy.PruningSchedule;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.statistics.PseudoBootstrapRecorder;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Structured pruning of a trained network in one call: a criterion scores the hidden units (an MLP's) or filters (a
 * conv net's), the lowest-scored are removed by surgery down to a ratio, the smaller network is fine-tuned, and the
 * result is the smaller network with its before/after report (parameters, multiply-adds, accuracy, inference time).
 * Every criterion starts from the same dense network and statistics and gets the same fine-tuning budget
 * (ShrinkBench's protocol, Blalock et al. 2020).
 *
 * <pre>{@code
 * PrunedNetwork result = Pruner.of("mu").toRatio(0.7).layerWise().fineTune(2).prune(network, data);
 * }</pre>
 *
 * <p>The statistics a criterion needs are gathered here: MU's weight standard deviations come from a pseudo-bootstrap
 * over the last {@link #bootstrapWindow window} Adam updates of one more epoch of training (Ko, Oehmcke &amp; Gieseke
 * 2019), and that epoch's result is the dense network pruned; SiPP draws its batch of training inputs by the seed.
 * Iterative pruning ({@link #rounds} above 1) takes any network. Immutable: each setter returns a new pruner.
 */
public final class Pruner {
    /** Median of this many timed forward passes, after as many untimed, for the report's inference times. */
    public static final int TIMING_REPEATS = 7;

    /** Training examples a data-informed criterion (SiPP) scores from, drawn by the seed. */
    public static final int SENSITIVITY_BATCH = 256;

    private final CriterionType criterion;
    private final double ratio;
    private final RatioScope scope;
    private final int rounds;
    private final FineTuneConfig fineTune;
    private final long seed;
    private final int window;
    private final int timingRepeats;

    private Pruner(CriterionType criterion, double ratio, RatioScope scope, int rounds, FineTuneConfig fineTune, long seed,
                   int window, int timingRepeats) {
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        this.ratio = ratio;
        this.scope = Objects.requireNonNull(scope, "scope");
        this.rounds = rounds;
        this.fineTune = Objects.requireNonNull(fineTune, "fineTune");
        this.seed = seed;
        this.window = window;
        this.timingRepeats = timingRepeats;
    }

    /**
     * A pruner with {@code criterion}, removing 70 % of the units layer-wise in one round, fine-tuning 2 epochs, seed 1,
     * a pseudo-bootstrap window of {@value PseudoBootstrapRecorder#DEFAULT_WINDOW} updates: the defaults of
     * {@code parsimony prune}.
     */
    public static Pruner of(CriterionType criterion) {
        return new Pruner(criterion, 0.7, RatioScope.LAYER_WISE, 1, FineTuneConfig.defaults().withEpochs(2).forFineTuning(),
                1, PseudoBootstrapRecorder.DEFAULT_WINDOW, TIMING_REPEATS);
    }

    /**
     * {@link #of(CriterionType)} by its name in {@link PruningCriteria}: {@code magnitude}, {@code mu}, {@code random},
     * {@code gate}, {@code sipp} or any criterion registered since.
     *
     * @throws IllegalArgumentException naming the known criteria for an unknown name
     */
    public static Pruner of(String criterion) {
        return of(PruningCriteria.named(criterion));
    }

    /**
     * The same pruner removing {@code value} of the hidden units (or filters).
     *
     * @throws IllegalArgumentException unless {@code 0 <= value < 1}
     */
    public Pruner toRatio(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("the pruning ratio must be in [0, 1), got " + value);
        }
        return new Pruner(criterion, value, scope, rounds, fineTune, seed, window, timingRepeats);
    }

    /** The same pruner removing the ratio from every hidden layer alike. */
    public Pruner layerWise() {
        return new Pruner(criterion, ratio, RatioScope.LAYER_WISE, rounds, fineTune, seed, window, timingRepeats);
    }

    /** The same pruner ranking all hidden layers' units together, so layers lose different shares. */
    public Pruner global() {
        return new Pruner(criterion, ratio, RatioScope.GLOBAL, rounds, fineTune, seed, window, timingRepeats);
    }

    /** The same pruner with ratios taken {@code scope}-wise. */
    public Pruner scope(RatioScope value) {
        return new Pruner(criterion, ratio, value, rounds, fineTune, seed, window, timingRepeats);
    }

    /**
     * The same pruner reaching the ratio in {@code value} rounds, fine-tuning after each (iterative pruning, Han et
     * al. 2015).
     *
     * @throws IllegalArgumentException if {@code value < 1}
     */
    public Pruner rounds(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("pruning rounds must be >= 1, got " + value);
        }
        return new Pruner(criterion, ratio, scope, value, fineTune, seed, window, timingRepeats);
    }

    /** The same pruner fine-tuning {@code epochs} epochs ({@link FineTuneConfig#defaults()}, cosine decay; 0: none). */
    public Pruner fineTune(int epochs) {
        return fineTune(FineTuneConfig.defaults().withEpochs(epochs).forFineTuning());
    }

    /** The same pruner fine-tuning with {@code config} (its seed is replaced by this pruner's {@link #seed}). */
    public Pruner fineTune(FineTuneConfig config) {
        return new Pruner(criterion, ratio, scope, rounds, config, seed, window, timingRepeats);
    }

    /** The same pruner with another seed: random scores, SiPP's batch, the statistics epoch and fine-tuning. */
    public Pruner seed(long value) {
        return new Pruner(criterion, ratio, scope, rounds, fineTune, value, window, timingRepeats);
    }

    /**
     * The same pruner reading MU's standard deviations from the last {@code updates} Adam updates.
     *
     * @throws IllegalArgumentException if {@code updates < 2}
     */
    public Pruner bootstrapWindow(int updates) {
        if (updates < 2) {
            throw new IllegalArgumentException("the pseudo-bootstrap window needs at least 2 updates, got " + updates);
        }
        return new Pruner(criterion, ratio, scope, rounds, fineTune, seed, updates, timingRepeats);
    }

    /** The same pruner timing {@code repeats} forward passes per network for the report (0: no timing, times NaN). */
    public Pruner timingRepeats(int repeats) {
        if (repeats < 0) {
            throw new IllegalArgumentException("timing repeats must be >= 0, got " + repeats);
        }
        return new Pruner(criterion, ratio, scope, rounds, fineTune, seed, window, repeats);
    }

    /** The criterion. */
    public CriterionType criterion() {
        return criterion;
    }

    /**
     * Gathers the statistics {@code network}'s criterion needs on {@code data}'s training part, prunes, fine-tunes and
     * measures on its test part.
     *
     * @throws IllegalArgumentException for the {@code gate} criterion (a deterministic network has no gates), SiPP on a
     *                                  conv net, or data that do not fit the network
     */
    public PrunedNetwork prune(DeterministicNetwork network, TrainTestSplit data) {
        requireNoGates();
        DeterministicNetwork dense = network;
        PosteriorStatistics statistics;
        if (criterion.needs(CriterionNeed.UNCERTAINTY)) {
            FineTuneConfig pass = new FineTuneConfig(1, fineTune.batchSize(), fineTune.learningRate(), seed);
            PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(window);
            dense = new DeterministicTrainer(pass).train(network, data.train(), null, recorder);
            statistics = PosteriorStatistics.fromPseudoBootstrap(dense, recorder);
        } else {
            statistics = PosteriorStatistics.pointEstimate(network);
        }
        return prune(dense, statistics, data.train(), data.test());
    }

    /**
     * Prunes {@code dense} (an MLP's hidden units or a conv net's filters and dense hidden units, each filter's kernel
     * {@code W[:, :, :, j]} scored as a column), described by {@code statistics} (from {@link DenseStart}, a
     * variational posterior or a point estimate), in the configured rounds, fine-tunes after each on {@code train}
     * ({@link DeterministicTrainer}) and measures on {@code test}.
     */
    public PrunedNetwork prune(DeterministicNetwork dense, PosteriorStatistics statistics, LabeledData train,
                               LabeledData test) {
        if (criterion.needs(CriterionNeed.MLP) && dense.denseFastPath().isEmpty()) {
            throw new IllegalArgumentException(criterion.name() + " scores the units of MLPs only, not of "
                    + dense.architecture().name());
        }
        PruningSchedule schedule = PruningSchedule.toRatio(criterion.create(seed), ratio, scope, rounds)
                .withBatch(batch(train));
        PruningOutcome<DeterministicNetwork> unTuned = schedule.run(dense, statistics, null);
        PruningOutcome<DeterministicNetwork> outcome = unTuned;
        if (fineTune.epochs() > 0) {
            outcome = schedule.withFineTuning(fineTune.withSeed(seed))
                    .withPseudoBootstrap(criterion.needs(CriterionNeed.UNCERTAINTY) && rounds > 1 ? PseudoBootstrapRecorder.DEFAULT_WINDOW : 0)
                    .run(dense, statistics, train);
        }
        DeterministicNetwork pruned = outcome.network();
        double unTunedAccuracy = unTuned.network().accuracy(test);
        if (outcome != unTuned) {
            unTuned.network().close();
            unTuned.statistics().close();
        }
        return new PrunedNetwork(pruned, report(dense, pruned, unTunedAccuracy, test));
    }

    /** The network {@code dense} becomes when the ratio of its hidden units is removed in one round, not fine-tuned. */
    public DeterministicMlp pruneOnly(DeterministicMlp dense, PosteriorStatistics statistics, LabeledData train) {
        return PruningSchedule.toRatio(criterion.create(seed), ratio, scope, 1).withBatch(batch(train))
                .run(dense, statistics, null).network();
    }

    /**
     * @throws IllegalArgumentException for a criterion that reads gate probabilities: a deterministic network has none
     */
    private void requireNoGates() {
        if (criterion.needs(CriterionNeed.GATES)) {
            throw new IllegalArgumentException("the " + criterion.name() + " criterion needs gate probabilities; a "
                    + "deterministic network has none (its gates were decided by training). Use one of "
                    + String.join(", ", PruningCriteria.all().stream().filter(c -> !c.needs(CriterionNeed.GATES))
                    .map(CriterionType::name).toList()) + ".");
        }
    }

    /**
     * The batch of training inputs a data-informed criterion scores from: {@value #SENSITIVITY_BATCH} examples (or all,
     * if fewer) drawn by the seed from {@code train}, never from calibration or test data; null for other criteria.
     */
    private INDArray batch(LabeledData train) {
        if (!criterion.needs(CriterionNeed.DATA)) {
            return null;
        }
        int n = Math.min(SENSITIVITY_BATCH, train.size());
        int[] order = new java.util.SplittableRandom(seed ^ 0x5EEDL).ints(0, train.size()).distinct().limit(n).toArray();
        return Minibatch.of(train, order, 0, n).features();
    }

    private StructuredPruningResult report(DeterministicNetwork dense, DeterministicNetwork pruned, double unTunedAccuracy,
                                           LabeledData test) {
        double fineTunedAccuracy = fineTune.epochs() == 0 ? unTunedAccuracy : pruned.accuracy(test);
        double denseSeconds = Double.NaN;
        double prunedSeconds = Double.NaN;
        if (timingRepeats > 0) {
            INDArray inputs = Minibatch.of(test, IntStream.range(0, test.size()).toArray(), 0, test.size()).features();
            denseSeconds = InferenceTiming.medianSeconds(dense, inputs, timingRepeats);
            prunedSeconds = InferenceTiming.medianSeconds(pruned, inputs, timingRepeats);
            inputs.close();
        }
        return new StructuredPruningResult(criterion.name(), ratio, seed, dense.widths(), pruned.widths(),
                dense.complexity().parameters(), pruned.complexity().parameters(),
                dense.complexity().multiplyAdds(), pruned.complexity().multiplyAdds(),
                dense.accuracy(test), unTunedAccuracy, fineTunedAccuracy, fineTune.epochs(),
                denseSeconds, prunedSeconds);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s to ratio %.3f %s, %d round(s), %d fine-tuning epoch(s), seed %d",
                criterion, ratio, scope, rounds, fineTune.epochs(), seed) + (criterion.needs(CriterionNeed.UNCERTAINTY)
                ? ", pseudo-bootstrap window " + window : "");
    }
}
