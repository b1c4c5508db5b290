package org.parsimony.variational.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.priors.BernoulliGatePrior;
import org.parsimony.priors.FlattenedGatePrior;
import org.parsimony.priors.GatePrior;
import org.parsimony.priors.GatedLayerMoments;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.ImageAugmentation;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.elements.NativeArrayPool;
import org.parsimony.variational.graph.ElboEvaluation;
import org.parsimony.variational.graph.ElboGraph;
import org.parsimony.variational.graph.ElboInputs;
import org.parsimony.variational.graph.ElboObjective;
import org.parsimony.variational.graph.LayerPrior;
import org.parsimony.variational.memory.TrainingFootprint;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.UnitSelection;
import org.parsimony.variational.network.BatchNormState;
import org.parsimony.variational.network.BatchNormStatistics;
import org.parsimony.variational.network.VariationalConvParameters;
import org.parsimony.variational.network.VariationalDenseParameters;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalMlp;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.optim.AdamOptimizer;
import org.parsimony.variational.optim.CosineAnnealing;
import org.parsimony.variational.optim.GateUpdate;
import org.parsimony.variational.optim.ProjectedGateStep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Trains a {@link VariationalNetwork} (an MLP or a conv net; a conv filter is one unit with one gate) by minimising
 * the per-example negative ELBO and prunes it while it trains (Guenter &amp; Sideris, arXiv 2205.04650):
 * <ul>
 *   <li>weight means, log-variances and biases take Adam steps;</li>
 *   <li>gate probabilities {@code theta} take a projected step {@code theta <- clip(theta - step, 0, 1)}, by
 *       default projected Adam ({@link GateUpdate}), whose size does not depend on {@code N} or on the KL's scale;
 *       the gates start moving after the KL warm-up, and their Adam moments are bias-corrected from that step;</li>
 *   <li>after each epoch the prior parameters {@code lambda}, {@code s1^2} of each layer are set to their
 *       closed-form MAP values under the hyper-priors;</li>
 *   <li>a unit whose {@code theta} stayed below {@code piMin} for {@code patience} consecutive epochs is
 *       removed: the objective is rebuilt smaller and the surviving parameters and Adam moments carried over,
 *       so later epochs cost less (a layer keeps at least {@link ElboGraph#MIN_WIDTH} units).</li>
 * </ul>
 * At the end every gate is decided ({@code theta >= 0.5} kept, optionally after extrapolating its last epoch's
 * movement: {@link GateDriftDecision}) and the result is a plain deterministic network; with
 * {@code fineTuneEpochs > 0} that deterministic network (the posterior means of the kept units) is then trained on the
 * likelihood alone for a few epochs, as pruning pipelines usually do after the structure is fixed.
 */
public final class VariationalTrainer {
    /** Posterior variance of every weight during fine-tuning: small enough that the sampled network is the mean one. */
    static final double FINE_TUNE_VARIANCE = 1e-12;

    /** Training examples on which the inference statistics of batch normalisations are measured after each epoch. */
    static final int STATISTICS_EXAMPLES = 2_000;

    private final TrainerConfig config;
    private final PriorSettings priors;
    private final ImageAugmentation augmentation;

    public VariationalTrainer(TrainerConfig config, PriorSettings priors) {
        this(config, priors, null);
    }

    private VariationalTrainer(TrainerConfig config, PriorSettings priors, ImageAugmentation augmentation) {
        this.config = config;
        this.priors = priors;
        this.augmentation = augmentation;
    }

    /**
     * This trainer with every training minibatch augmented by {@code augmentation} (drawn from the run's seed, step by
     * step, so a resumed run augments as the uninterrupted one); part of the settings a checkpoint records.
     */
    public VariationalTrainer withAugmentation(ImageAugmentation augmentation) {
        return new VariationalTrainer(config, priors, augmentation);
    }

    /**
     * A fresh network for {@code hidden} widths on {@code data}'s shape, initialised from the config's seed.
     *
     * @throws IllegalArgumentException as {@link #initialize(Architecture)}
     */
    public VariationalMlp initialize(LabeledData data, int[] hidden) {
        TrainingFootprint.of(Architecture.mlp(data.featureCount(), hidden, data.classCount()), config.batchSize())
                .requireAvailable();
        return VariationalMlp.initialize(data.featureCount(), hidden, data.classCount(), config.initialPosterior(),
                config.initialGate(), config.seed());
    }

    /**
     * A fresh network of {@code architecture}, initialised from the config's seed (fit to the data is checked by train).
     *
     * @throws IllegalArgumentException before allocating anything, if training it with the config's batch size would
     *                                  not fit in the memory available ({@link TrainingFootprint})
     */
    public VariationalNetwork initialize(Architecture architecture) {
        TrainingFootprint.of(architecture, config.batchSize()).requireAvailable();
        return VariationalNetwork.initialize(architecture, config.initialPosterior(), config.initialGate(), config.seed());
    }

    /**
     * Trains {@code network} in place on {@code train}, reporting accuracy on {@code monitor} after each epoch.
     *
     * @throws IllegalArgumentException   if the data does not fit the network
     * @throws TrainingDivergedException  if the loss becomes NaN or infinite (a loss that explodes short of that, or an
     *                                    accuracy that stays at chance, is a warning of the result)
     */
    public TrainingResult train(VariationalNetwork network, LabeledData train, LabeledData monitor, TrainingListener listener) {
        return train(network, train, monitor, listener, null);
    }

    /**
     * {@link #train(VariationalNetwork, LabeledData, LabeledData, TrainingListener)} writing a checkpoint after every
     * {@code checkpoints.every()} epochs (and after the last), atomically, so a killed run can be {@link #resume}d.
     * A diverging loss stops the run and leaves the last good checkpoint in place.
     */
    public TrainingResult train(VariationalNetwork network, LabeledData train, LabeledData monitor, TrainingListener listener,
                                Checkpointing checkpoints) {
        checkFits(network, train, monitor);
        int[][] epochsBelow = new int[network.layerCount() - 1][];
        for (int l = 0; l < epochsBelow.length; l++) {
            epochsBelow[l] = new int[network.layer(l).units()];
        }
        RunState state = new RunState(network, new AdamOptimizer(), initialPriors(network), epochsBelow,
                new ArrayList<>(), network.architecture(), 0);
        return run(state, train, monitor, listener, checkpoints);
    }

    /**
     * Continues the run saved in {@code checkpoints.file()} with this trainer's settings (which must be those of the
     * run that wrote it) and the same data: the result equals that of an uninterrupted run with the same seed.
     *
     * @return the result, with the network rebuilt from the checkpoint ({@link TrainingResult#network()})
     * @throws CheckpointException if the checkpoint is unreadable, corrupt, or from a run with other settings
     */
    public Resumed resume(LabeledData train, LabeledData monitor, TrainingListener listener, Checkpointing checkpoints) {
        return resume(null, train, monitor, listener, checkpoints);
    }

    /**
     * As {@link #resume(LabeledData, LabeledData, TrainingListener, Checkpointing)}, refusing a checkpoint whose run
     * did not start from {@code expected} ({@code null}: any architecture, as the checkpoint says).
     */
    public Resumed resume(Architecture expected, LabeledData train, LabeledData monitor, TrainingListener listener,
                          Checkpointing checkpoints) {
        TrainingCheckpoint c = CheckpointFile.read(checkpoints.file());
        // a run killed while writing a checkpoint leaves the temporary file of that write
        org.parsimony.variational.io.AtomicFileWriter.removeLeftovers(checkpoints.file());
        Architecture written = initialArchitectureOf(c, checkpoints.file());
        if (expected != null && !expected.equals(written)) {
            throw new CheckpointException(checkpoints.file(), "written by a run of " + written + ", this run asks for "
                    + expected + "; resume with the first run's architecture and widths");
        }
        String fingerprint = fingerprint(written, checkpoints.data());
        if (!fingerprint.equals(c.fingerprint())) {
            throw new CheckpointException(checkpoints.file(), "written by a run with other settings (checkpoint: "
                    + c.fingerprint() + "; this run: " + fingerprint + ")");
        }
        VariationalNetwork network = networkOf(c, checkpoints.file());
        checkFits(network, train, monitor);
        AdamOptimizer adam = new AdamOptimizer();
        try {
            adam.restore(c.adamStep(), c.adamMoments());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(checkpoints.file(), "optimizer state: " + e.getMessage());
        }
        checkCounters(c, network, checkpoints.file());
        Architecture initial;
        try {
            initial = network.architecture().withUnits(Arrays.copyOfRange(c.initialWidths(), 1, c.initialWidths().length));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(checkpoints.file(), "initial widths " + Arrays.toString(c.initialWidths())
                    + " do not fit the network: " + e.getMessage());
        }
        RunState state = new RunState(network, adam, new ArrayList<>(c.priors()), c.epochsBelow(),
                new ArrayList<>(c.history()), initial, c.completedEpochs());
        return new Resumed(network, run(state, train, monitor, listener, checkpoints));
    }

    /**
     * Checks that the checkpoint's priors, removal counters and initial widths have one entry per layer (per hidden
     * unit for the counters) of {@code network}, the network it holds.
     */
    private static void checkCounters(TrainingCheckpoint c, VariationalNetwork network, java.nio.file.Path file) {
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

    /** A resumed run's network (rebuilt from the checkpoint and trained on) and its result. */
    public record Resumed(VariationalNetwork network, TrainingResult result) {
    }

    /**
     * Where and how often checkpoints are written, and a description of the training data (source and input scaling)
     * that a resumed run must match; empty when the caller does not track it.
     */
    public record Checkpointing(java.nio.file.Path file, int every, String data) {
        /** @throws IllegalArgumentException if {@code every < 1} */
        public Checkpointing {
            if (every < 1) {
                throw new IllegalArgumentException("checkpoint interval must be >= 1 epoch, got " + every);
            }
            data = data == null ? "" : data;
        }

        /** Checkpoints that do not record the data. */
        public Checkpointing(java.nio.file.Path file, int every) {
            this(file, every, "");
        }
    }

    /**
     * The architecture the run of {@code c} started from: the one it records (a conv net's), or the MLP of its initial
     * widths.
     */
    private static Architecture initialArchitectureOf(TrainingCheckpoint c, java.nio.file.Path file) {
        if (c.architecture() != null) {
            return c.architecture();
        }
        int[] widths = c.initialWidths();
        if (widths == null || widths.length < 2) {
            throw new CheckpointException(file, "records no initial widths");
        }
        return Architecture.mlp(widths[0], Arrays.copyOfRange(widths, 1, widths.length - 1), widths[widths.length - 1]);
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
        return config + " priors[spikeRatio=" + priors.spikeRatio() + ", initialInclusion=" + priors.initialInclusion()
                + ", initialSlabVariance=" + priors.initialSlabVariance() + ", inclusion=" + inclusion + ", slab=" + slab
                + ", flattenedGatePrior=" + priors.flattenedGatePrior() + customGatePrior() + "]"
                + " architecture=" + architecture
                + (data.isEmpty() ? "" : " data=" + data)
                + (augmentation == null ? "" : " augmentation=" + augmentation);
    }

    /**
     * A gate prior other than the built-in two, by its {@code toString} (the built-in ones are recorded by the flag
     * that checkpoints written before gate priors were pluggable hold).
     */
    private String customGatePrior() {
        GatePrior gate = priors.gatePrior();
        return gate instanceof BernoulliGatePrior || gate instanceof FlattenedGatePrior ? "" : ", gatePrior=" + gate;
    }

    private static void checkFits(VariationalNetwork network, LabeledData train, LabeledData monitor) {
        int[] widths = network.widths();
        if (train.featureCount() != widths[0] || monitor.featureCount() != widths[0]) {
            throw new IllegalArgumentException("the network takes " + widths[0] + " inputs but the data has "
                    + train.featureCount() + " (train) and " + monitor.featureCount() + " (monitor) features");
        }
        if (train.classCount() != widths[widths.length - 1]) {
            throw new IllegalArgumentException("the network has " + widths[widths.length - 1]
                    + " outputs but the data has " + train.classCount() + " classes");
        }
    }

    /** The mutable state of a run between epochs: what a checkpoint stores. */
    private static final class RunState {
        final VariationalNetwork network;
        final AdamOptimizer adam;
        List<LayerPrior> layerPriors;
        final int[][] epochsBelow;
        final List<EpochReport> history;
        final Architecture initialArchitecture;
        final int firstEpoch;

        RunState(VariationalNetwork network, AdamOptimizer adam, List<LayerPrior> layerPriors, int[][] epochsBelow,
                 List<EpochReport> history, Architecture initialArchitecture, int firstEpoch) {
            this.network = network;
            this.adam = adam;
            this.layerPriors = layerPriors;
            this.epochsBelow = epochsBelow;
            this.history = history;
            this.initialArchitecture = initialArchitecture;
            this.firstEpoch = firstEpoch;
        }
    }

    private TrainingResult run(RunState state, LabeledData train, LabeledData monitor, TrainingListener listener,
                               Checkpointing checkpoints) {
        VariationalNetwork network = state.network;
        AdamOptimizer adam = state.adam;
        int[][] epochsBelow = state.epochsBelow;
        List<EpochReport> history = state.history;
        NoiseSource noise = new NoiseSource(config.seed());
        ElboObjective objective = objective(network);
        int stepsPerEpoch = Math.toIntExact(CosineAnnealing.stepsPerEpoch(train.size(), config.batchSize()));
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        int totalEpochs = config.epochs() + config.fineTuneEpochs();
        ResidentMemoryGuard memory = ResidentMemoryGuard.forTraining();
        ProjectedGateStep gateStep = new ProjectedGateStep();
        // the minibatch and noise arrays of a step, reused by the next
        NativeArrayPool stepArrays = new NativeArrayPool();
        String advice = DivergenceAdvice.of(config, state.initialArchitecture);
        DivergenceGuard divergence = new DivergenceGuard(monitor, advice);
        int[] statisticsRows = BatchNormStatistics.sample(train.size(), STATISTICS_EXAMPLES, config.seed());
        history.forEach(divergence::check); // a resumed run's earlier epochs
        for (int epoch = state.firstEpoch; epoch < totalEpochs; epoch++) {
            boolean fineTuning = epoch >= config.epochs();
            if (epoch == config.epochs() && config.fineTuneEpochs() > 0) {
                decideGates(network, adam);
                objective.close();
                objective = objective(network);
            }
            long start = System.nanoTime();
            int[] order = noise.permutation(epoch, train.size());
            double lossSum = 0;
            double nllSum = 0;
            double klSum = 0;
            double temperature = config.finalTemperature();
            GateDriftDecision decision = config.decisionHorizon() > 0 && epoch == config.epochs() - 1
                    ? GateDriftDecision.begin(network, config.decisionHorizon()) : null;
            for (int step = 0; step < stepsPerEpoch; step++) {
                int from = step * config.batchSize();
                Minibatch batch = Minibatch.of(train, order, from, Math.min(train.size(), from + config.batchSize()),
                        stepArrays);
                if (augmentation != null) {
                    augmentation.apply(batch.features(), noise.forAugmentation(epoch, step));
                }
                long globalStep = (long) epoch * stepsPerEpoch + step;
                temperature = config.temperatureAt(globalStep, totalSteps);
                double klScale = fineTuning ? 0 : config.klWeightAt(globalStep, stepsPerEpoch) / train.size();
                ElboInputs inputs = drawInputs(network, batch, noise.forStep(epoch, step, stepArrays), state.layerPriors,
                        klScale, temperature);
                ElboEvaluation evaluation = objective.evaluate(inputs);
                if (!Double.isFinite(evaluation.loss())) {
                    throw new TrainingDivergedException("loss became " + evaluation.loss() + " at epoch " + (epoch + 1)
                            + ", step " + (step + 1) + " (nll " + evaluation.nll() + ", kl " + evaluation.kl()
                            + "); " + advice);
                }
                double learningRate = fineTuning
                        ? config.fineTuneLearningRateAt(globalStep - (long) config.epochs() * stepsPerEpoch,
                        (long) config.fineTuneEpochs() * stepsPerEpoch)
                        : config.learningRate();
                // the gates learn after the warm-up; the Adam rules count their updates from there
                long gateUpdates = fineTuning || epoch < config.warmupEpochs() ? 0
                        : globalStep - (long) config.warmupEpochs() * stepsPerEpoch + 1;
                applyUpdates(network, adam, gateStep, evaluation, learningRate, gateUpdates, !fineTuning);
                lossSum += evaluation.loss();
                nllSum += evaluation.nll();
                klSum += evaluation.kl();
                objective.release(evaluation);
                release(batch, inputs, stepArrays);
                memory.afterStep();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (decision != null) {
                decision.extrapolate(network);
            }
            if (!fineTuning) {
                if (removeClosedUnits(network, adam, epochsBelow)) {
                    objective.close();
                    objective = objective(network);
                }
                state.layerPriors = updatedPriors(network, state.layerPriors, state.initialArchitecture.widths());
            }
            BatchNormStatistics.refresh(network, train, statisticsRows);
            double accuracy = network.toDeterministic().accuracy(monitor);
            EpochReport report = new EpochReport(epoch + 1, fineTuning, lossSum / stepsPerEpoch, nllSum / stepsPerEpoch,
                    klSum / stepsPerEpoch, accuracy, network.hiddenWidths(), seconds, temperature);
            history.add(report);
            if (checkpoints != null && ((epoch + 1) % checkpoints.every() == 0 || epoch + 1 == totalEpochs)) {
                CheckpointFile.write(checkpointOf(state, epoch + 1, checkpoints.data()), checkpoints.file());
            }
            String warning = divergence.check(report);
            if (listener != null) {
                listener.onEpoch(report, totalEpochs);
                if (warning != null) {
                    listener.onWarning(warning);
                }
            }
        }
        stepArrays.close();
        objective.close();
        double[] inclusion = new double[network.layerCount() - 1];
        double[] slab = new double[network.layerCount()];
        for (int l = 0; l < network.layerCount(); l++) {
            slab[l] = state.layerPriors.get(l).slabVariance();
            if (l < inclusion.length) {
                inclusion[l] = state.layerPriors.get(l).inclusion();
            }
        }
        return new TrainingResult(network.toDeterministic(), List.copyOf(history), state.initialArchitecture.widths(),
                inclusion, slab, state.initialArchitecture, divergence.warnings());
    }

    private TrainingCheckpoint checkpointOf(RunState state, int completedEpochs, String data) {
        Map<String, INDArray> arrays = new TreeMap<>();
        for (int l = 0; l < state.network.layerCount(); l++) {
            VariationalLayer p = state.network.layer(l);
            String[] names = ElboGraph.parameterNames(l);
            INDArray[] values = {p.weightMean(), p.weightLogVariance(), p.bias(), p.gate()};
            for (int k = 0; k < names.length; k++) {
                if (values[k] != null) {
                    arrays.put(names[k], values[k]);
                }
            }
            if (p instanceof VariationalConvParameters conv && conv.norm() != null) {
                String[] norm = batchNormArrayNames(l);
                arrays.put(norm[0], conv.norm().scale());
                arrays.put(norm[1], conv.norm().shift());
                arrays.put(norm[2], conv.norm().mean());
                arrays.put(norm[3], conv.norm().variance());
            }
        }
        Map<String, INDArray[]> moments = new TreeMap<>();
        for (String name : state.adam.names()) {
            moments.put(name, state.adam.moments(name));
        }
        int[][] below = new int[state.epochsBelow.length][];
        for (int l = 0; l < below.length; l++) {
            below[l] = state.epochsBelow[l].clone();
        }
        Architecture architecture = state.initialArchitecture.isMlp() ? null : state.initialArchitecture;
        return new TrainingCheckpoint(fingerprint(state.initialArchitecture, data), completedEpochs, state.initialArchitecture.widths(),
                arrays, state.adam.step(), moments, List.copyOf(state.layerPriors), below, List.copyOf(state.history),
                architecture);
    }

    private static VariationalNetwork networkOf(TrainingCheckpoint c, java.nio.file.Path file) {
        List<VariationalLayer> layers = new ArrayList<>();
        Architecture architecture = c.architecture();
        for (int l = 0; ; l++) {
            String[] names = ElboGraph.parameterNames(l);
            if (!c.arrays().containsKey(names[0])) {
                break;
            }
            INDArray bias = c.arrays().get(names[2]);
            boolean conv = architecture != null && l < architecture.layerCount() && architecture.layer(l).isConv();
            try {
                INDArray mean = c.arrays().get(names[0]);
                INDArray logVariance = c.arrays().get(names[1]);
                INDArray rowBias = bias == null ? null : bias.reshape(1, bias.length());
                INDArray gate = c.arrays().get(names[3]);
                if (gate != null && (gate.minNumber().doubleValue() < 0 || gate.maxNumber().doubleValue() > 1)) {
                    throw new CheckpointException(file, "layer " + l + " has gate probabilities outside [0, 1]");
                }
                layers.add(conv ? new VariationalConvParameters(mean, logVariance, rowBias, gate,
                                architecture.layer(l).batchNorm() ? batchNormOf(c, l) : null)
                        : new VariationalDenseParameters(mean, logVariance, rowBias, gate));
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

    /** Checkpoint names of layer {@code l}'s batch-norm scale and shift (its graph variables), mean and variance. */
    private static String[] batchNormArrayNames(int l) {
        String[] trained = ElboGraph.batchNormNames(l);
        return new String[] {trained[0], trained[1], "batchNormMean" + l, "batchNormVariance" + l};
    }

    /** Layer {@code l}'s batch normalisation as the checkpoint holds it. */
    private static BatchNormState batchNormOf(TrainingCheckpoint c, int l) {
        String[] names = batchNormArrayNames(l);
        INDArray[] arrays = new INDArray[names.length];
        for (int k = 0; k < names.length; k++) {
            arrays[k] = c.arrays().get(names[k]);
            if (arrays[k] == null) {
                throw new IllegalArgumentException("no " + names[k] + " for the batch-normalised layer " + l);
            }
        }
        return new BatchNormState(arrays[0], arrays[1], arrays[2], arrays[3]);
    }

    List<LayerPrior> initialPriors(VariationalNetwork network) {
        List<LayerPrior> list = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            double slab = priors.initialSlabVariance() > 0 ? priors.initialSlabVariance() : heSlabVariance(network.layer(l));
            list.add(new LayerPrior(priors.initialInclusion(), slab, priors.spikeRatio() * slab));
        }
        return list;
    }

    private static ElboInputs drawInputs(VariationalNetwork network, Minibatch batch, NoiseSource.StepNoise random,
                                         List<LayerPrior> layerPriors, double klScale, double temperature) {
        List<INDArray> gaussian = new ArrayList<>();
        List<INDArray> uniform = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            gaussian.add(random.gaussian(network.noiseShape(l, batch.size())));
            uniform.add(p.gated() ? random.uniform(batch.size(), p.units()) : null);
        }
        return new ElboInputs(batch.features(), batch.oneHot(), gaussian, uniform, layerPriors, klScale, temperature);
    }

    /** The objective of the network's current shapes under this trainer's priors and gate estimator. */
    private ElboObjective objective(VariationalNetwork network) {
        return ElboObjective.of(network, priors.unitKl(), config.gateEstimator());
    }

    /**
     * Gives a finished step's minibatch and noise arrays back for the next step, rather than leaving their native buffers
     * until the garbage collector finds their Java wrappers (which, with a large heap, is seldom: see
     * {@link ResidentMemoryGuard}).
     */
    private static void release(Minibatch batch, ElboInputs inputs, NativeArrayPool arrays) {
        arrays.giveBack(batch.features());
        arrays.giveBack(batch.oneHot());
        inputs.gaussianNoise().forEach(arrays::giveBack);
        inputs.uniformNoise().stream().filter(java.util.Objects::nonNull).forEach(arrays::giveBack);
    }

    private void applyUpdates(VariationalNetwork network, AdamOptimizer adam, ProjectedGateStep gateStep,
                              ElboEvaluation evaluation,
                              double learningRate, long gateUpdates,
                              boolean variancesLearn) {
        adam.beginStep();
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            String[] names = ElboGraph.parameterNames(l);
            adam.apply(names[0], p.weightMean(), evaluation.gradients().get(names[0]), learningRate);
            if (variancesLearn) {
                adam.apply(names[1], p.weightLogVariance(), evaluation.gradients().get(names[1]), config.varianceLearningRate());
            }
            adam.apply(names[2], p.bias(), evaluation.gradients().get(names[2]), learningRate);
            if (p.gated() && gateUpdates > 0) {
                config.gateUpdate().apply(adam, gateStep, names[3], p.gate(), evaluation.gradients().get(names[3]),
                        config.gateStepSize(), gateUpdates);
            }
            if (p instanceof VariationalConvParameters conv && conv.norm() != null) {
                String[] norm = ElboGraph.batchNormNames(l);
                adam.apply(norm[0], conv.norm().scale(), evaluation.gradients().get(norm[0]), learningRate);
                adam.apply(norm[1], conv.norm().shift(), evaluation.gradients().get(norm[1]), learningRate);
            }
        }
    }

    /** Re-estimates each layer's prior; {@code initialWidths[l + 1]} is the number of candidate units of layer {@code l}. */
    List<LayerPrior> updatedPriors(VariationalNetwork network, List<LayerPrior> current, int[] initialWidths) {
        List<LayerPrior> next = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            GatedLayerMoments moments = moments(p);
            double slab = priors.slabHyperPrior() != null ? priors.slabHyperPrior().update(moments)
                    : priors.initialSlabVariance() > 0 ? current.get(l).slabVariance() : heSlabVariance(p);
            double inclusion = p.gated() ? priors.inclusionHyperPrior().update(moments, initialWidths[l + 1])
                    : current.get(l).inclusion();
            next.add(new LayerPrior(inclusion, slab, priors.spikeRatio() * slab));
        }
        return next;
    }

    /**
     * The He scale {@code s1^2 = 2 / n_in} of a layer's live fan-in (inputs of the units or channels still in the
     * network): the slab variance under which a unit's pre-activation keeps the variance of its inputs. Recomputed after
     * every epoch's removals, so a layer's prior depends on the inputs it has, not on how many it started with.
     * It does not follow {@code --init-scale}: the prior is part of the objective, the initialisation only where its
     * optimisation starts (tying the two at scale 2 removed a 20-point accuracy dip but kept 53 units against 49).
     */
    private static double heSlabVariance(VariationalLayer p) {
        return 2.0 / p.fanIn();
    }

    /** Per-unit gate, fan-in and posterior second moment {@code sum_i mu^2 + sigma^2} over its weight group. */
    static GatedLayerMoments moments(VariationalLayer p) {
        INDArray mean = p.weightMeanColumns();
        INDArray secondMoment = mean.mul(mean).addi(Transforms.exp(p.weightLogVarianceColumns(), true)).sum(0);
        double[] m = secondMoment.toDoubleVector();
        double[] theta = p.gated() ? p.gate().toDoubleVector() : filled(p.units(), 1.0);
        int[] counts = new int[p.units()];
        Arrays.fill(counts, p.fanIn());
        return new GatedLayerMoments(theta, counts, m);
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    /**
     * Ends the structure search: units with {@code theta < 1/2} are removed (a layer keeps its
     * {@link ElboGraph#MIN_WIDTH} strongest), the others get {@code theta = 1} exactly, and every weight's posterior
     * variance is set to {@link #FINE_TUNE_VARIANCE}, so the following epochs train the deterministic network
     * {@code toDeterministic()} returns (the posterior means) on the likelihood alone.
     */
    private void decideGates(VariationalNetwork network, AdamOptimizer adam) {
        for (int l = 0; l < network.layerCount() - 1; l++) {
            float[] theta = network.layer(l).gate().toFloatVector();
            long[] kept = IntStream.range(0, theta.length).filter(j -> theta[j] >= 0.5).mapToLong(j -> j).toArray();
            if (kept.length < ElboGraph.MIN_WIDTH) {
                kept = strongest(theta, ElboGraph.MIN_WIDTH);
            }
            if (kept.length < theta.length) {
                keep(network, adam, l, kept);
            }
            network.layer(l).gate().assign(1.0);
        }
        for (int l = 0; l < network.layerCount(); l++) {
            network.layer(l).weightLogVariance().assign(Math.log(FINE_TUNE_VARIANCE));
        }
    }

    /** Indices of the {@code count} largest gate probabilities, in increasing index order. */
    private static long[] strongest(float[] theta, int count) {
        return IntStream.range(0, theta.length).boxed()
                .sorted((a, b) -> Float.compare(theta[b], theta[a]))
                .limit(count).mapToLong(j -> j).sorted().toArray();
    }

    /**
     * Keeps units (filters) {@code kept} of hidden layer {@code l}, slicing the parameters and their Adam moments: the
     * layer's outputs, and the inputs of layer {@code l+1} they fed (rows, input channels, or flattened channel rows).
     */
    static void keep(VariationalNetwork network, AdamOptimizer adam, int l, long[] kept) {
        long[] nextInputs = network.keepUnits(l, kept);
        for (String name : ElboGraph.parameterNames(l)) {
            adam.keep(name, a -> UnitSelection.units(a, kept));
        }
        for (String name : ElboGraph.batchNormNames(l)) {
            adam.keep(name, a -> UnitSelection.units(a, kept));
        }
        String[] next = ElboGraph.parameterNames(l + 1);
        adam.keep(next[0], a -> UnitSelection.inputs(a, nextInputs));
        adam.keep(next[1], a -> UnitSelection.inputs(a, nextInputs));
    }

    /** Removes units whose gate stayed below {@code piMin} for {@code patience} epochs; true if any were. */
    private boolean removeClosedUnits(VariationalNetwork network, AdamOptimizer adam, int[][] epochsBelow) {
        boolean removed = false;
        for (int l = 0; l < epochsBelow.length; l++) {
            float[] theta = network.layer(l).gate().toFloatVector();
            int[] below = epochsBelow[l];
            for (int j = 0; j < theta.length; j++) {
                below[j] = theta[j] < config.piMin() ? below[j] + 1 : 0;
            }
            long[] kept = IntStream.range(0, theta.length).filter(j -> below[j] < config.patience())
                    .mapToLong(j -> j).toArray();
            if (kept.length == theta.length) {
                continue;
            }
            if (kept.length < ElboGraph.MIN_WIDTH) {
                kept = strongest(theta, ElboGraph.MIN_WIDTH);
                if (kept.length == theta.length) {
                    continue;
                }
            }
            keep(network, adam, l, kept);
            epochsBelow[l] = Arrays.stream(kept).mapToInt(j -> below[(int) j]).toArray();
            removed = true;
        }
        return removed;
    }
}
