package org.parsimony.variational.training;

import org.parsimony.variational.graph.GateEstimator;
import org.parsimony.variational.network.InitialPosterior;
import org.parsimony.variational.optim.CosineAnnealing;
import org.parsimony.variational.optim.GateUpdate;

/**
 * Settings of {@link VariationalTrainer}; every field is recorded with a result so a run can be repeated.
 * Build one with {@link #builder()} (or {@link #toBuilder()} to change a few fields of an existing one).
 *
 * @param epochs               passes over the training data while the structure is learned (ELBO, gates, removal)
 * @param fineTuneEpochs       passes that then train the decided deterministic network on the likelihood alone (0: none),
 *                             with the learning rate decayed along a half cosine ({@link #fineTuneLearningRateAt})
 * @param batchSize            examples per minibatch
 * @param learningRate         Adam step size of weight means and biases
 * @param varianceLearningRate Adam step size of the weights' log-variances (larger, so the posterior variances
 *                             reach their scale within the first epochs instead of staying at the initial value)
 * @param gateLearningRate     step size of the projected step on the gate probabilities (for the Adam rules, about the
 *                             largest distance a gate moves in one step) at batches of {@value #REFERENCE_BATCH}
 *                             examples; see {@link #gateStepSize()} for other batch sizes
 * @param gateUpdate           the rule of that step ({@link GateUpdate}); default projected Adam at 0.003
 * @param piMin                a unit whose gate probability stays below this is removed
 * @param patience             consecutive checks (one per epoch) a gate must stay below {@code piMin}
 * @param warmupEpochs         epochs over which the KL weight rises linearly from 0 to {@code klWeight/N} (0: none);
 *                             the loss reported during warm-up is the loss trained on, with the partial weight
 * @param klWeight             the KL's weight {@code lambda} in {@code loss = NLL + lambda KL / N}; default 0.1, a
 *                             tempered ("cold") posterior (Wenzel et al. 2020, <i>How Good is the Bayes Posterior in
 *                             Deep Neural Networks Really?</i>): the likelihood counts as if the data were
 *                             {@code N / lambda} examples. {@code 1} is the ELBO itself, under which the mean-field
 *                             posterior prunes more units than the data support (Trippe &amp; Turner 2017,
 *                             <i>Overpruning in Variational Bayesian Neural Networks</i>): LeNet-300-100 then ends 2-5
 *                             points below the dense net from 1,000 to 60,000 Fashion-MNIST images, at 0.1 within 1
 *                             point of it or above. Results record the weight
 * @param gateEstimator        gradient estimator of the gates
 * @param initialTemperature   binary-concrete temperature at the first step ({@link GateEstimator#RELAXED} only)
 * @param finalTemperature     temperature at the last step (annealed geometrically)
 * @param initialSigma         initial posterior standard deviation of every weight, or {@code <= 0} (the default) for
 *                             {@code initialSigmaRatio} times the layer's He-scale slab ({@link InitialPosterior})
 * @param initialSigmaRatio    initial {@code sigma / sqrt(2 / n_in)} when {@code initialSigma <= 0}
 * @param initialMeanScale     factor on the He standard deviation of the initial weight means
 * @param initialGate          initial gate probability of every unit
 * @param decisionHorizon      epochs over which the last structure epoch's gate movement is extrapolated before the
 *                             gates are decided ({@link GateDriftDecision}); 0 (the default) decides on the gates' positions
 * @param rescaleUnits         after every structure epoch, rescale each hidden unit by its KL-minimising factor
 *                             ({@link UnitRescaling}: same function and likelihood, smaller KL)
 * @param seed                 the one seed of initialization, data order and all noise
 */
public record TrainerConfig(int epochs, int fineTuneEpochs, int batchSize, double learningRate, double varianceLearningRate, double gateLearningRate, GateUpdate gateUpdate, double piMin,
                            int patience, int warmupEpochs, double klWeight, GateEstimator gateEstimator, double initialTemperature,
                            double finalTemperature, double initialSigma, double initialSigmaRatio,
                            double initialMeanScale, double initialGate, double decisionHorizon, boolean rescaleUnits,
                            long seed) {

    /** @throws IllegalArgumentException naming the first setting that is out of range */
    public TrainerConfig {
        requirePositive("epochs", epochs);
        if (fineTuneEpochs < 0) {
            throw new IllegalArgumentException("fineTuneEpochs must be >= 0, got " + fineTuneEpochs);
        }
        requirePositive("batchSize", batchSize);
        requirePositive("learningRate", learningRate);
        requirePositive("varianceLearningRate", varianceLearningRate);
        requirePositive("gateLearningRate", gateLearningRate);
        if (gateUpdate == null) {
            throw new IllegalArgumentException("gateUpdate must be given");
        }
        if (!(piMin > 0 && piMin < 1)) {
            throw new IllegalArgumentException("piMin must be in (0, 1), got " + piMin);
        }
        requirePositive("patience", patience);
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmupEpochs must be >= 0, got " + warmupEpochs);
        }
        requirePositive("klWeight", klWeight);
        if (gateEstimator == null) {
            throw new IllegalArgumentException("gateEstimator must be given");
        }
        requirePositive("initialTemperature", initialTemperature);
        requirePositive("finalTemperature", finalTemperature);
        if (!Double.isFinite(initialSigma)) {
            throw new IllegalArgumentException("initialSigma must be finite, got " + initialSigma);
        }
        requirePositive("initialSigmaRatio", initialSigmaRatio);
        requirePositive("initialMeanScale", initialMeanScale);
        if (!(decisionHorizon >= 0) || !Double.isFinite(decisionHorizon)) {
            throw new IllegalArgumentException("decisionHorizon must be >= 0 and finite, got " + decisionHorizon);
        }
        if (!(initialGate > piMin && initialGate <= 1)) {
            throw new IllegalArgumentException("initialGate must be in (piMin, 1], got " + initialGate);
        }
    }

    /** The defaults used by {@code parsimony train}. */
    public static TrainerConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.fineTuneEpochs = fineTuneEpochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.varianceLearningRate = varianceLearningRate;
        b.gateLearningRate = gateLearningRate;
        b.gateUpdate = gateUpdate;
        b.piMin = piMin;
        b.patience = patience;
        b.warmupEpochs = warmupEpochs;
        b.klWeight = klWeight;
        b.gateEstimator = gateEstimator;
        b.initialTemperature = initialTemperature;
        b.finalTemperature = finalTemperature;
        b.initialSigma = initialSigma;
        b.initialSigmaRatio = initialSigmaRatio;
        b.initialMeanScale = initialMeanScale;
        b.initialGate = initialGate;
        b.decisionHorizon = decisionHorizon;
        b.rescaleUnits = rescaleUnits;
        b.seed = seed;
        return b;
    }

    /** Where the weight posterior of a fresh network starts. */
    public InitialPosterior initialPosterior() {
        return new InitialPosterior(initialMeanScale, initialSigma, initialSigmaRatio);
    }

    /** Temperature at global step {@code step} of {@code totalSteps}: geometric from initial to final. */
    public double temperatureAt(long step, long totalSteps) {
        double progress = totalSteps <= 1 ? 1 : Math.min(1.0, (double) step / (totalSteps - 1));
        return initialTemperature * Math.pow(finalTemperature / initialTemperature, progress);
    }

    /** The batch size at which {@code gateLearningRate} is the gate step itself. */
    public static final int REFERENCE_BATCH = 128;

    /**
     * The gate step used at this batch size. For the Adam rules, {@code gateLearningRate sqrt(B / 128)}: the
     * square-root scaling rule of adaptive methods (Malladi, Lyu, Panigrahi &amp; Arora 2022, <i>On the SDEs and
     * Scaling Rules for Adaptive Gradient Algorithms</i>). An Adam step moves a gate by about {@code lr m / sqrt(v)},
     * whose noise part shrinks as {@code 1 / sqrt(B)}, and an epoch has {@code N / B} steps, so a gate whose gradient
     * is mostly noise drifts {@code ~ lr N / sqrt(B)} per epoch; scaling {@code lr} by {@code sqrt(B)} keeps that
     * distance, and with it the units a run keeps, independent of the batch size (measured on 8,000 Fashion-MNIST
     * images, 300-100: batches of 64 / 128 / 256 kept 70 / 103 / 131 units at a fixed step, 90 / 103 / 106 scaled).
     * {@link GateUpdate#PROJECTED_SGD} (the paper's rule) takes {@code gateLearningRate} unscaled.
     */
    public double gateStepSize() {
        if (gateUpdate == GateUpdate.PROJECTED_SGD) {
            return gateLearningRate;
        }
        return gateLearningRate * Math.sqrt(batchSize / (double) REFERENCE_BATCH);
    }

    /** Learning rate at step {@code step} of {@code totalSteps} fine-tuning steps: {@link CosineAnnealing}. */
    public double fineTuneLearningRateAt(long step, long totalSteps) {
        return CosineAnnealing.rate(learningRate, step, totalSteps);
    }

    /**
     * The KL's weight at global step {@code step} with {@code stepsPerEpoch} steps per epoch: {@code klWeight} times
     * the warm-up fraction.
     */
    public double klWeightAt(long step, long stepsPerEpoch) {
        if (warmupEpochs == 0) {
            return klWeight;
        }
        return klWeight * Math.min(1.0, (step + 1.0) / ((double) warmupEpochs * stepsPerEpoch));
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }

    /** Mutable holder of settings; {@link #build()} validates them. */
    public static final class Builder {
        private int epochs = 40;
        private int fineTuneEpochs = 20;
        private int batchSize = 128;
        private double learningRate = 1e-3;
        private double varianceLearningRate = 1e-2;
        private double gateLearningRate = 0.003;
        private GateUpdate gateUpdate = GateUpdate.PROJECTED_ADAM;
        private double piMin = 0.1;
        private int patience = 1;
        private int warmupEpochs = 3;
        private double klWeight = 0.1;
        private GateEstimator gateEstimator = GateEstimator.STRAIGHT_THROUGH;
        private double initialTemperature = 0.5;
        private double finalTemperature = 0.05;
        private double initialSigma = 0;
        private double initialSigmaRatio = 0.5;
        private double initialMeanScale = 1;
        private double initialGate = 0.9;
        private double decisionHorizon = 0;
        private boolean rescaleUnits = false;
        private long seed = 1;

        private Builder() {
        }

        public Builder epochs(int value) { epochs = value; return this; }
        public Builder fineTuneEpochs(int value) { fineTuneEpochs = value; return this; }
        public Builder batchSize(int value) { batchSize = value; return this; }
        public Builder learningRate(double value) { learningRate = value; return this; }
        public Builder varianceLearningRate(double value) { varianceLearningRate = value; return this; }
        public Builder gateLearningRate(double value) { gateLearningRate = value; return this; }
        public Builder gateUpdate(GateUpdate value) { gateUpdate = value; return this; }
        public Builder piMin(double value) { piMin = value; return this; }
        public Builder patience(int value) { patience = value; return this; }
        public Builder warmupEpochs(int value) { warmupEpochs = value; return this; }
        public Builder klWeight(double value) { klWeight = value; return this; }
        public Builder gateEstimator(GateEstimator value) { gateEstimator = value; return this; }
        public Builder initialTemperature(double value) { initialTemperature = value; return this; }
        public Builder finalTemperature(double value) { finalTemperature = value; return this; }
        public Builder initialSigma(double value) { initialSigma = value; return this; }
        public Builder initialSigmaRatio(double value) { initialSigmaRatio = value; return this; }
        public Builder initialMeanScale(double value) { initialMeanScale = value; return this; }
        public Builder initialGate(double value) { initialGate = value; return this; }
        public Builder decisionHorizon(double value) { decisionHorizon = value; return this; }
        public Builder rescaleUnits(boolean value) { rescaleUnits = value; return this; }
        public Builder seed(long value) { seed = value; return this; }

        /** @throws IllegalArgumentException naming the first setting that is out of range */
        public TrainerConfig build() {
            return new TrainerConfig(epochs, fineTuneEpochs, batchSize, learningRate, varianceLearningRate, gateLearningRate, gateUpdate, piMin, patience, warmupEpochs, klWeight,
                    gateEstimator, initialTemperature, finalTemperature, initialSigma, initialSigmaRatio, initialMeanScale,
                    initialGate, decisionHorizon, rescaleUnits, seed);
        }
    }
}
