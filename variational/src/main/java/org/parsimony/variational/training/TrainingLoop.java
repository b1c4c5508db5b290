package org.parsimony.variational.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.ImageAugmentation;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.elements.NativeArrayPool;
import org.parsimony.variational.graph.ElboEvaluation;
import org.parsimony.variational.graph.ElboInputs;
import org.parsimony.variational.graph.ElboObjective;
import org.parsimony.variational.graph.LayerPrior;
import org.parsimony.variational.network.BatchNormStatistics;
import org.parsimony.variational.network.ParameterKey;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.optim.AdamOptimizer;
import org.parsimony.variational.optim.CosineAnnealing;
import org.parsimony.variational.optim.ProjectedGateStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The epoch loop of a variational run: per minibatch, noise drawn from the run's seed, the negative ELBO and its
 * gradients ({@link ElboObjective}), Adam steps of the weights and projected steps of the gates; after each structure
 * epoch the unit removal ({@link UnitRemoval}) and the prior updates ({@link PriorUpdates}); after the last one the
 * gates decided and the fine-tuning epochs; after each epoch the batch-norm statistics, an {@link EpochReport}, the
 * divergence checks, the listener and the checkpoint ({@link CheckpointCodec}).
 */
final class TrainingLoop {
    /** Training examples on which the inference statistics of batch normalisations are measured after each epoch. */
    static final int STATISTICS_EXAMPLES = 2_000;

    private final TrainerConfig config;
    private final PriorSettings priors;
    private final ImageAugmentation augmentation;
    private final CheckpointCodec codec;
    private final UnitRemoval removal;
    private final PriorUpdates priorUpdates;
    /** The KL-minimising rescaling after each structure epoch, or {@code null} when the config leaves it off. */
    private final UnitRescaling rescaling;

    TrainingLoop(TrainerConfig config, PriorSettings priors, ImageAugmentation augmentation, CheckpointCodec codec) {
        this.config = config;
        this.priors = priors;
        this.augmentation = augmentation;
        this.codec = codec;
        this.removal = new UnitRemoval(config);
        this.priorUpdates = new PriorUpdates(priors);
        this.rescaling = config.rescaleUnits() ? new UnitRescaling(priors.unitKl()) : null;
    }

    /**
     * Runs the epochs of {@code state} from its first to the config's last (structure epochs, then fine-tuning),
     * reporting to {@code listener} and checkpointing as {@code checkpoints} asks ({@code null}: never).
     */
    TrainingResult run(RunState state, LabeledData train, LabeledData monitor, TrainingListener listener,
                       VariationalTrainer.Checkpointing checkpoints) {
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
                removal.decideGates(network, adam);
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
                if (removal.removeClosedUnits(network, adam, epochsBelow)) {
                    objective.close();
                    objective = objective(network);
                }
                if (rescaling != null) {
                    rescaling.rescale(network, state.layerPriors);
                }
                state.layerPriors = priorUpdates.updatedPriors(network, state.layerPriors, state.initialArchitecture.widths());
            }
            BatchNormStatistics.refresh(network, train, statisticsRows);
            double accuracy = network.toDeterministic().accuracy(monitor);
            EpochReport report = new EpochReport(epoch + 1, fineTuning, lossSum / stepsPerEpoch, nllSum / stepsPerEpoch,
                    klSum / stepsPerEpoch, accuracy, network.hiddenWidths(), seconds, temperature);
            history.add(report);
            if (checkpoints != null && ((epoch + 1) % checkpoints.every() == 0 || epoch + 1 == totalEpochs)) {
                CheckpointFile.write(codec.checkpointOf(state, epoch + 1, checkpoints.data()), checkpoints.file());
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
            Map<ParameterKey, INDArray> gradients = evaluation.gradients();
            ParameterKey mean = ParameterKind.WEIGHT_MEAN.at(l);
            adam.apply(mean, p.weightMean(), gradients.get(mean), learningRate);
            if (variancesLearn) {
                ParameterKey logVariance = ParameterKind.WEIGHT_LOG_VARIANCE.at(l);
                adam.apply(logVariance, p.weightLogVariance(), gradients.get(logVariance), config.varianceLearningRate());
            }
            ParameterKey bias = ParameterKind.BIAS.at(l);
            adam.apply(bias, p.bias(), gradients.get(bias), learningRate);
            if (p.gated() && gateUpdates > 0) {
                ParameterKey gate = ParameterKind.GATE.at(l);
                config.gateUpdate().apply(adam, gateStep, gate, p.gate(), gradients.get(gate),
                        config.gateStepSize(), gateUpdates);
            }
            if (p.norm() != null) {
                ParameterKey scale = ParameterKind.BATCH_NORM_SCALE.at(l);
                ParameterKey shift = ParameterKind.BATCH_NORM_SHIFT.at(l);
                adam.apply(scale, p.norm().scale(), gradients.get(scale), learningRate);
                adam.apply(shift, p.norm().shift(), gradients.get(shift), learningRate);
            }
        }
    }
}
