package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.VariationalMlp;
import org.parsimony.variational.optim.GateUpdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate step on a data set so small that {@code KL / N} dwarfs the likelihood: projected SGD closes every gate
 * within the first gated epoch (the collapse seen on small real data sets), projected Adam moves each gate by at most
 * about its step ({@link TrainerConfig#gateStepSize()}) per step, whatever the size of the KL.
 */
class GateUpdateTest {
    private static final int STEPS_PER_EPOCH = 4;

    private static VariationalMlp trainOneGatedEpoch(TrainerConfig.Builder config) {
        LabeledData train = VariationalTrainerTest.blobs(64, 200, 11);
        TrainerConfig c = config.epochs(2).warmupEpochs(1).fineTuneEpochs(0).batchSize(64 / STEPS_PER_EPOCH)
                .seed(5).build();
        VariationalTrainer trainer = new VariationalTrainer(c, PriorSettings.defaults());
        VariationalMlp network = trainer.initialize(train, new int[] {30, 10});
        trainer.train(network, train, train, null);
        return network;
    }

    @ParameterizedTest
    @EnumSource(value = GateUpdate.class, names = {"PROJECTED_ADAM", "PROJECTED_LAYER_ADAM"})
    void adaptiveRulesMoveAGateByAtMostAboutTheirLearningRatePerStepWhateverTheKl(GateUpdate rule) {
        TrainerConfig.Builder config = TrainerConfig.builder().gateUpdate(rule).gateLearningRate(0.01);
        VariationalMlp network = trainOneGatedEpoch(config);
        assertEquals(30, network.layer(0).units(), "no unit was removed");
        // the step at this batch size: the learning rate scaled by sqrt(B / 128)
        double step = config.batchSize(64 / STEPS_PER_EPOCH).build().gateStepSize();
        double lowest = network.layer(0).gate().minNumber().doubleValue();
        assertTrue(lowest >= 0.9 - STEPS_PER_EPOCH * step * 1.05, "lowest gate " + lowest);
        assertTrue(lowest < 0.9 - STEPS_PER_EPOCH * step * 0.5, "the gates did move: lowest " + lowest);
    }

    @Test
    void projectedSgdClosesEveryGateWhenTheKlPerExampleIsLarge() {
        TrainerConfig.Builder config = TrainerConfig.builder().gateUpdate(GateUpdate.PROJECTED_SGD).gateLearningRate(2.0)
                .initialSigma(5e-3);
        VariationalMlp network = trainOneGatedEpoch(config);
        assertTrue(network.layer(0).units() <= 2, "units left " + network.layer(0).units());
    }
}
