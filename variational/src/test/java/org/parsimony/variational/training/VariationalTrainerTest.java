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
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int k = 0; k < 6; k++) {
                double centre = k < 2 ? (y[i] == 0 ? 0.25 : 0.75) : 0.5;
                x[i * 6 + k] = (float) Math.min(1, Math.max(0, centre + 0.08 * random.nextGaussian()));
            }
        }
        return new LabeledData(x, y, 6, 2);
    }

    private static TrainerConfig config(long seed) {
        return new TrainerConfig(15, 32, 1e-2, 0.1, 0.1, 1, 0.5, 0.1, 1e-2, 0.9, seed);
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
        TrainerConfig c = config(seed).withEpochs(3);
        VariationalTrainer trainer = new VariationalTrainer(c, PriorSettings.defaults());
        TrainingResult r = trainer.train(trainer.initialize(train, new int[] {8, 4}), train, train, null);
        return r.history().stream().flatMapToDouble(e -> java.util.stream.DoubleStream.of(e.loss(), e.kl(), e.accuracy())).toArray();
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
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.defaults().withPiMin(0));
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.defaults().withPiMin(1));
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.defaults().withEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.defaults().withLearningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> VariationalMlp.initialize(6, new int[] {0}, 2, 0.01, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> new PriorSettings(-1, 0.5, 0, null, null));
    }
}
