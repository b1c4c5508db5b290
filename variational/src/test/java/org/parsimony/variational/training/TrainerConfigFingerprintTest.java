package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A config's text ({@link CheckpointCodec#settingsOf}) is part of a checkpoint's settings fingerprint: a setting added
 * later must leave the text of a run that does not use it unchanged, or checkpoints written before it would no longer
 * resume.
 */
class TrainerConfigFingerprintTest {
    /** The text a checkpoint written by f9e6fbc carries for {@code --epochs 2 --fine-tune 1 --seed 4}. */
    private static final String BEFORE_RESCALING = "TrainerConfig[epochs=2, fineTuneEpochs=1, batchSize=128, "
            + "learningRate=0.001, varianceLearningRate=0.01, gateLearningRate=0.003, gateUpdate=PROJECTED_ADAM, "
            + "piMin=0.1, patience=1, warmupEpochs=3, klWeight=0.1, gateEstimator=STRAIGHT_THROUGH, "
            + "initialTemperature=0.5, finalTemperature=0.05, initialSigma=0.0, initialSigmaRatio=0.5, "
            + "initialMeanScale=1.0, initialGate=0.9, decisionHorizon=0.0, seed=4]";

    @Test
    void aRunWithoutRescalingKeepsTheEarlierTextAndOneWithItIsToldApart() {
        TrainerConfig.Builder run = TrainerConfig.builder().epochs(2).fineTuneEpochs(1).seed(4);
        assertEquals(BEFORE_RESCALING, CheckpointCodec.settingsOf(run.build()));
        TrainerConfig rescaled = run.rescaleUnits(true).build();
        assertNotEquals(BEFORE_RESCALING, CheckpointCodec.settingsOf(rescaled));
        assertEquals(BEFORE_RESCALING.replace(", seed=4]", ", rescaleUnits=true, seed=4]"), CheckpointCodec.settingsOf(rescaled));
    }
}
