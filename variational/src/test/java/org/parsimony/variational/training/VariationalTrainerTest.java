package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.VariationalMlp;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariationalTrainerTest {

    /** Two Gaussian blobs in 6 dimensions, separable along the first two coordinates only. */
    static LabeledData blobs(int n, long seed) {
        return blobs(n, 6, seed);
    }

    /** Two classes told apart by the first two of {@code features} inputs in [0, 1]; the others are noise. */
    static LabeledData blobs(int n, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int k = 0; k < features; k++) {
                double centre = k < 2 ? (y[i] == 0 ? 0.25 : 0.75) : 0.5;
                x[i * features + k] = (float) Math.min(1, Math.max(0, centre + 0.08 * random.nextGaussian()));
            }
        }
        return new LabeledData(x, y, features, 2);
    }

    private static TrainerConfig config(long seed) {
        return TrainerConfig.builder().epochs(15).batchSize(32).learningRate(1e-2).gateLearningRate(0.1).piMin(0.1)
                .patience(1).initialSigma(1e-2).initialGate(0.9).seed(seed).build();
    }

    @Test
    void removesUnitsDuringTrainingAndEndsDeterministicAndAccurate() {
        LabeledData train = blobs(400, 1);
        LabeledData test = blobs(200, 2);
        VariationalTrainer trainer = new VariationalTrainer(config(3), PriorSettings.defaults());
        VariationalMlp network = trainer.initialize(train, new int[] {24, 12});
        TrainingResult result = trainer.train(network, train, test, null);

        int[] first = result.history().get(0).liveUnits();
        int[] last = result.history().get(result.history().size() - 1).liveUnits();
        assertTrue(last[0] < 24 && last[1] < 12, "units were removed: " + java.util.Arrays.toString(last));
        assertTrue(last[0] <= first[0] && last[1] <= first[1]);
        for (int l = 0; l < 2; l++) {
            float[] theta = network.layer(l).gate().toFloatVector();
            for (float t : theta) {
                assertTrue(t >= 0 && t <= 1, "gates stay in [0, 1] under projection");
            }
        }
        int[] finalWidths = result.network().widths();
        assertEquals(6, finalWidths[0]);
        assertEquals(2, finalWidths[3]);
        assertTrue(finalWidths[1] <= last[0] && finalWidths[2] <= last[1]);
        assertTrue(result.network().accuracy(test) > 0.95, "accuracy " + result.network().accuracy(test));
    }

    @Test
    void laterEpochsTrainASmallerGraph() {
        LabeledData train = blobs(400, 5);
        VariationalTrainer trainer = new VariationalTrainer(config(9), PriorSettings.defaults());
        VariationalMlp network = trainer.initialize(train, new int[] {24, 12});
        TrainingResult result = trainer.train(network, train, train, null);
        int[] widths = network.widths();
        assertEquals(widths[1], result.history().get(result.history().size() - 1).liveUnits()[0]);
        assertEquals(widths[1], network.layer(1).inputs(), "next layer lost the matching inputs");
    }

    @Test
    void sameSeedGivesTheSameNumbersAndAnotherSeedDoesNot() {
        LabeledData train = blobs(200, 1);
        double[] first = run(train, 4);
        double[] again = run(train, 4);
        double[] other = run(train, 5);
        assertArrayEquals(first, again, 0.0);
        assertNotEquals(first[0], other[0]);
    }

    private static double[] run(LabeledData train, long seed) {
        TrainerConfig c = config(seed).toBuilder().epochs(3).build();
        VariationalTrainer trainer = new VariationalTrainer(c, PriorSettings.defaults());
        TrainingResult r = trainer.train(trainer.initialize(train, new int[] {8, 4}), train, train, null);
        return r.history().stream().flatMapToDouble(e -> java.util.stream.DoubleStream.of(e.loss(), e.kl(), e.accuracy())).toArray();
    }

    @Test
    void fineTuningTrainsTheDecidedNetworkOnTheLikelihoodAlone() {
        LabeledData train = blobs(400, 7);
        TrainerConfig c = config(11).toBuilder().epochs(6).fineTuneEpochs(2).build();
        VariationalTrainer trainer = new VariationalTrainer(c, PriorSettings.defaults());
        VariationalMlp network = trainer.initialize(train, new int[] {24, 12});
        TrainingResult result = trainer.train(network, train, train, null);

        assertEquals(8, result.history().size());
        for (EpochReport r : result.history()) {
            assertEquals(r.epoch() > 6, r.fineTuning(), "epoch " + r.epoch());
            if (r.fineTuning()) {
                assertEquals(r.nll(), r.loss(), 0.0, "no KL term while fine-tuning");
            }
        }
        for (int l = 0; l < 2; l++) {
            for (float t : network.layer(l).gate().toFloatVector()) {
                assertEquals(1.0f, t, "every kept gate is exactly 1");
            }
        }
        assertArrayEquals(network.hiddenWidths(), result.history().get(7).liveUnits());
        assertArrayEquals(java.util.Arrays.copyOfRange(result.network().widths(), 1, 3), network.hiddenWidths());
    }

    @Test
    void klWeightRisesLinearlyOverTheWarmUpEpochs() {
        TrainerConfig c = TrainerConfig.builder().warmupEpochs(2).klWeight(1).build();
        assertEquals(0.1, c.klWeightAt(1, 10), 1e-12);
        assertEquals(0.5, c.klWeightAt(9, 10), 1e-12);
        assertEquals(1.0, c.klWeightAt(19, 10), 1e-12);
        assertEquals(1.0, c.klWeightAt(500, 10), 1e-12);
        assertEquals(1.0, TrainerConfig.builder().warmupEpochs(0).klWeight(1).build().klWeightAt(0, 10), 0.0);
    }

    @Test
    void aTemperedKlWeightScalesTheWholeWarmUpRamp() {
        TrainerConfig c = TrainerConfig.builder().warmupEpochs(2).klWeight(0.25).build();
        assertEquals(0.025, c.klWeightAt(1, 10), 1e-12);
        assertEquals(0.25, c.klWeightAt(500, 10), 1e-12);
        assertEquals(0.25, TrainerConfig.builder().warmupEpochs(0).klWeight(0.25).build().klWeightAt(0, 10), 0.0);
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().klWeight(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().klWeight(Double.NaN).build());
    }

    @Test
    void fineTuningLearningRateFollowsAHalfCosineFromTheFullRateTowardsZero() {
        TrainerConfig c = TrainerConfig.builder().learningRate(2e-3).build();
        assertEquals(2e-3, c.fineTuneLearningRateAt(0, 100), 1e-15);
        assertEquals(1e-3, c.fineTuneLearningRateAt(50, 100), 1e-15);
        assertEquals(2e-3 * (1 + Math.cos(Math.PI * 0.75)) / 2, c.fineTuneLearningRateAt(75, 100), 1e-15);
        assertEquals(0.0, c.fineTuneLearningRateAt(100, 100), 1e-15);
        assertTrue(c.fineTuneLearningRateAt(99, 100) > 0);
    }

    @Test
    void dataThatDoesNotFitTheNetworkIsRejected() {
        LabeledData train = blobs(50, 1);
        VariationalTrainer trainer = new VariationalTrainer(config(1), PriorSettings.defaults());
        VariationalMlp wrongInputs = VariationalMlp.initialize(5, new int[] {4}, 2, 0.01, 0.9, 1);
        assertThrows(IllegalArgumentException.class, () -> trainer.train(wrongInputs, train, train, null));
        VariationalMlp wrongClasses = VariationalMlp.initialize(6, new int[] {4}, 3, 0.01, 0.9, 1);
        assertThrows(IllegalArgumentException.class, () -> trainer.train(wrongClasses, train, train, null));
    }

    @Test
    void impossibleSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().piMin(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().piMin(1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().epochs(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().learningRate(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> VariationalMlp.initialize(6, new int[] {0}, 2, 0.01, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> new PriorSettings(-1, 0.5, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new PriorSettings(1, 0.5, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().warmupEpochs(-1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().fineTuneEpochs(-1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().gateEstimator(null).build());
    }
}
