package org.parsimony.variational.training;

/**
 * Settings of {@link VariationalTrainer}; every field is recorded with a result so a run can be repeated.
 *
 * @param epochs               passes over the training data
 * @param batchSize            examples per minibatch
 * @param learningRate         Adam step size of weight means, log-variances and biases
 * @param gateLearningRate     step size of the projected gradient step on the gate probabilities
 * @param piMin                a unit whose gate probability stays below this is removed
 * @param patience             consecutive checks (one per epoch) a gate must stay below {@code piMin}
 * @param initialTemperature   binary-concrete temperature at the first step
 * @param finalTemperature     temperature at the last step (annealed geometrically)
 * @param initialSigma         initial posterior standard deviation of every weight
 * @param initialGate          initial gate probability of every unit
 * @param seed                 the one seed of initialization, data order and all noise
 */
public record TrainerConfig(int epochs, int batchSize, double learningRate, double gateLearningRate, double piMin,
                            int patience, double initialTemperature, double finalTemperature, double initialSigma,
                            double initialGate, long seed) {

    /** @throws IllegalArgumentException naming the first setting that is out of range */
    public TrainerConfig {
        requirePositive("epochs", epochs);
        requirePositive("batchSize", batchSize);
        requirePositive("learningRate", learningRate);
        requirePositive("gateLearningRate", gateLearningRate);
        if (!(piMin > 0 && piMin < 1)) {
            throw new IllegalArgumentException("piMin must be in (0, 1), got " + piMin);
        }
        requirePositive("patience", patience);
        requirePositive("initialTemperature", initialTemperature);
        requirePositive("finalTemperature", finalTemperature);
        requirePositive("initialSigma", initialSigma);
        if (!(initialGate > piMin && initialGate <= 1)) {
            throw new IllegalArgumentException("initialGate must be in (piMin, 1], got " + initialGate);
        }
    }

    /** The defaults used by {@code parsimony train}. */
    public static TrainerConfig defaults() {
        return new TrainerConfig(30, 128, 1e-3, 1e-2, 0.1, 2, 0.5, 0.05, 1e-3, 0.9, 1);
    }

    public TrainerConfig withEpochs(int value) {
        return new TrainerConfig(value, batchSize, learningRate, gateLearningRate, piMin, patience, initialTemperature,
                finalTemperature, initialSigma, initialGate, seed);
    }

    public TrainerConfig withSeed(long value) {
        return new TrainerConfig(epochs, batchSize, learningRate, gateLearningRate, piMin, patience, initialTemperature,
                finalTemperature, initialSigma, initialGate, value);
    }

    public TrainerConfig withPiMin(double value) {
        return new TrainerConfig(epochs, batchSize, learningRate, gateLearningRate, value, patience, initialTemperature,
                finalTemperature, initialSigma, initialGate, seed);
    }

    public TrainerConfig withLearningRate(double value) {
        return new TrainerConfig(epochs, batchSize, value, gateLearningRate, piMin, patience, initialTemperature,
                finalTemperature, initialSigma, initialGate, seed);
    }

    public TrainerConfig withGateLearningRate(double value) {
        return new TrainerConfig(epochs, batchSize, learningRate, value, piMin, patience, initialTemperature,
                finalTemperature, initialSigma, initialGate, seed);
    }

    public TrainerConfig withBatchSize(int value) {
        return new TrainerConfig(epochs, value, learningRate, gateLearningRate, piMin, patience, initialTemperature,
                finalTemperature, initialSigma, initialGate, seed);
    }

    /** Temperature at global step {@code step} of {@code totalSteps}: geometric from initial to final. */
    public double temperatureAt(long step, long totalSteps) {
        double progress = totalSteps <= 1 ? 1 : Math.min(1.0, (double) step / (totalSteps - 1));
        return initialTemperature * Math.pow(finalTemperature / initialTemperature, progress);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }
}
