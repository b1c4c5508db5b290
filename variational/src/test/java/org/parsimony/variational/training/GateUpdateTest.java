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
 * about its learning rate per step, whatever the size of the KL.
 */
class GateUpdateTest {
    private static final int STEPS_PER_EPOCH = 4;

    private static VariationalMlp trainOneGatedEpoch(TrainerConfig.Builder config) {
        return trainOneGatedEpoch(config, 64 / STEPS_PER_EPOCH);
    }

    private static VariationalMlp trainOneGatedEpoch(TrainerConfig.Builder config, int batch) {
        LabeledData train = VariationalTrainerTest.blobs(64, 200, 11);
        TrainerConfig c = config.epochs(2).warmupEpochs(1).fineTuneEpochs(0).batchSize(batch).seed(5).build();
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
        double lowest = network.layer(0).gate().minNumber().doubleValue();
        double step = 0.01 * (64 / STEPS_PER_EPOCH) / TrainerConfig.GATE_REFERENCE_BATCH;
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

    @Test
    void theAdamRulesStepInProportionToTheBatchSoAGateTravelsTheSamePerEpoch() {
        TrainerConfig small = TrainerConfig.builder().batchSize(32).gateLearningRate(0.004).build();
        TrainerConfig reference = small.toBuilder().batchSize(128).build();
        TrainerConfig sgd = small.toBuilder().gateUpdate(GateUpdate.PROJECTED_SGD).build();
        assertEquals(0.001, small.gateStepSize(), 1e-15);
        assertEquals(0.004, reference.gateStepSize(), 1e-15);
        assertEquals(0.004, sgd.gateStepSize(), 0.0, "the paper's projected SGD keeps its rate");
        // 16 steps of 4 examples move a gate at most 16 * 0.01 * 4 / 128 = 0.005
        VariationalMlp network = trainOneGatedEpoch(TrainerConfig.builder().gateUpdate(GateUpdate.PROJECTED_ADAM)
                .gateLearningRate(0.01), 4);
        double lowest = network.layer(0).gate().minNumber().doubleValue();
        assertTrue(lowest >= 0.9 - 16 * 0.01 * 4 / 128.0 * 1.05, "lowest gate " + lowest);
    }
}
