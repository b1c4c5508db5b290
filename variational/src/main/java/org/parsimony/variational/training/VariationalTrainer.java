package org.parsimony.variational.training;

import org.parsimony.variational.data.ImageAugmentation;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.graph.ElboGraph;
import org.parsimony.variational.memory.TrainingFootprint;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.VariationalMlp;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.optim.AdamOptimizer;
import org.parsimony.variational.optim.GateUpdate;

import java.util.ArrayList;
import java.util.Arrays;

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
 *
 * <p>This class is the front: settings, initialisation, starting and resuming runs. The epochs run in
 * {@link TrainingLoop}, units are removed by {@link UnitRemoval}, the prior parameters re-estimated by
 * {@link PriorUpdates}, and checkpoints converted by {@link CheckpointCodec}.
 */
public final class VariationalTrainer implements Trainer<VariationalNetwork, TrainingResult> {
    private final TrainerConfig config;
    private final PriorSettings priors;
    private final ImageAugmentation augmentation;
    private final CheckpointCodec codec;
    private final TrainingLoop loop;

    public VariationalTrainer(TrainerConfig config, PriorSettings priors) {
        this(config, priors, null);
    }

    private VariationalTrainer(TrainerConfig config, PriorSettings priors, ImageAugmentation augmentation) {
        this.config = config;
        this.priors = priors;
        this.augmentation = augmentation;
        this.codec = new CheckpointCodec(config, priors, augmentation);
        this.loop = new TrainingLoop(config, priors, augmentation, codec);
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
    @Override
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
     * The {@link Trainer} contract: {@link #train(VariationalNetwork, LabeledData, LabeledData, TrainingListener)} with
     * the training data as the monitor (the epoch reports' accuracy is then the training accuracy).
     */
    @Override
    public TrainingResult train(VariationalNetwork network, LabeledData data, TrainingListener listener) {
        return train(network, data, data, listener);
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
        RunState state = new RunState(network, new AdamOptimizer(), new PriorUpdates(priors).initialPriors(network),
                epochsBelow, new ArrayList<>(), network.architecture(), 0);
        return loop.run(state, train, monitor, listener, checkpoints);
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
        Architecture written = CheckpointCodec.initialArchitectureOf(c, checkpoints.file());
        if (expected != null && !expected.equals(written)) {
            throw new CheckpointException(checkpoints.file(), "written by a run of " + written + ", this run asks for "
                    + expected + "; resume with the first run's architecture and widths");
        }
        String fingerprint = codec.fingerprint(written, checkpoints.data());
        if (!fingerprint.equals(c.fingerprint())) {
            throw new CheckpointException(checkpoints.file(), "written by a run with other settings (checkpoint: "
                    + c.fingerprint() + "; this run: " + fingerprint + ")");
        }
        VariationalNetwork network = CheckpointCodec.networkOf(c, checkpoints.file());
        checkFits(network, train, monitor);
        AdamOptimizer adam = new AdamOptimizer();
        try {
            adam.restore(c.adamStep(), c.adamMoments());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(checkpoints.file(), "optimizer state: " + e.getMessage());
        }
        CheckpointCodec.checkCounters(c, network, checkpoints.file());
        Architecture initial;
        try {
            initial = network.architecture().withUnits(Arrays.copyOfRange(c.initialWidths(), 1, c.initialWidths().length));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(checkpoints.file(), "initial widths " + Arrays.toString(c.initialWidths())
                    + " do not fit the network: " + e.getMessage());
        }
        RunState state = new RunState(network, adam, new ArrayList<>(c.priors()), c.epochsBelow(),
                new ArrayList<>(c.history()), initial, c.completedEpochs());
        return new Resumed(network, loop.run(state, train, monitor, listener, checkpoints));
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

    /** The settings fingerprint a checkpoint of a run from {@code architecture} must carry ({@link CheckpointCodec}). */
    String fingerprint(Architecture architecture, String data) {
        return codec.fingerprint(architecture, data);
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
}
