package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.data.LabeledData;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Divergence short of a NaN is a warning of the result, and a NaN's advice names the likely cause. */
class DivergenceTest {
    private static final LabeledData TRAIN = VariationalTrainerTest.blobs(400, 1);
    private static final LabeledData TEST = VariationalTrainerTest.blobs(200, 2);

    private static TrainerConfig.Builder config() {
        return TrainerConfig.builder().epochs(3).fineTuneEpochs(0).batchSize(32).seed(4);
    }

    private static TrainingResult train(TrainerConfig config, List<String> epochWarnings) {
        VariationalTrainer trainer = new VariationalTrainer(config, PriorSettings.defaults());
        return trainer.train(trainer.initialize(TRAIN, new int[] {16, 8}), TRAIN, TEST, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report, int totalEpochs) {
            }

            @Override
            public void onWarning(String warning) {
                epochWarnings.add(warning);
            }
        });
    }

    @Test
    void aLossThatExplodesWithoutNaNIsAWarningNamingTheLearningRate() {
        List<String> epochWarnings = new ArrayList<>();
        TrainingResult result = train(config().learningRate(1e4).build(), epochWarnings);
        assertFalse(epochWarnings.isEmpty(), "an epoch warning: " + result.history());
        assertTrue(epochWarnings.get(0).startsWith("loss exploded in epoch 1"), epochWarnings.toString());
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("training diverged: the loss exploded in epochs")
                && w.endsWith("lower the learning rate (1.00e+04)")), result.warnings().toString());
    }

    @Test
    void anAccuracyStuckAtChanceIsAWarning() {
        DivergenceGuard guard = new DivergenceGuard(TEST, "lower the learning rate (10.0)");
        for (int epoch = 1; epoch <= 3; epoch++) {
            // a loss of guessing uniformly (ln 2) that never learns: no explosion, but chance accuracy throughout
            assertEquals(null, guard.check(new EpochReport(epoch, false, 0.7, 0.69, 0, 0.5, new int[] {4}, 1, 1)));
        }
        assertEquals(List.of("accuracy stayed at chance in every epoch (best 0.5000; the most frequent class is 0.5000 "
                + "of the monitoring data); lower the learning rate (10.0)"), guard.warnings());
        guard.check(new EpochReport(4, false, 0.3, 0.29, 0, 0.9, new int[] {4}, 1, 1));
        assertEquals(List.of(), guard.warnings(), "an epoch above chance clears it");
    }

    @Test
    void aSoundRunHasNoWarnings() {
        List<String> epochWarnings = new ArrayList<>();
        TrainingResult result = train(config().learningRate(1e-2).initialSigma(1e-2).build(), epochWarnings);
        assertEquals(List.of(), epochWarnings);
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void aNaNFromAHugeInitialSigmaNamesTheSigmaNotTheLearningRate() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(config().initialSigma(1e8).build(), new ArrayList<>()));
        assertTrue(e.getMessage().contains("the initial posterior standard deviation 1.00e+08 is")
                && e.getMessage().contains("He scale sqrt(2/n_in) = 0.354 of layer 2: lower the initial sigma"),
                e.getMessage());
        assertFalse(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }
}
