package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.optim.AdamOptimizer;
import org.parsimony.variational.optim.GateUpdate;
import org.parsimony.variational.optim.ProjectedGateStep;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The square-root scaling of the Adam gate step ({@link TrainerConfig#gateStepSize()}): over one epoch of minibatch
 * gradients whose noise shrinks as {@code 1 / sqrt(B)}, gates drift the same distance at batches of 64, 128 and 256;
 * at a fixed step they drift about {@code sqrt(256 / 64) = 2} times further at 64 than at 256.
 */
class GateStepBatchScalingTest {
    private static final int EXAMPLES = 8192;
    private static final int GATES = 2000;

    /** Mean distance the gates move in one epoch of minibatch gradients {@code 0.2 + noise sqrt(128 / B)}. */
    private static double drift(int batch, double step) {
        AdamOptimizer adam = new AdamOptimizer();
        ProjectedGateStep projection = new ProjectedGateStep();
        INDArray theta = Nd4j.valueArrayOf(new long[] {GATES}, 0.5, DataType.FLOAT);
        SplittableRandom random = new SplittableRandom(7);
        float[] g = new float[GATES];
        int steps = EXAMPLES / batch;
        for (int s = 1; s <= steps; s++) {
            adam.beginStep();
            for (int j = 0; j < GATES; j++) {
                g[j] = (float) (0.2 + random.nextGaussian() * Math.sqrt(128.0 / batch));
            }
            GateUpdate.PROJECTED_ADAM.apply(adam, projection, ParameterKind.GATE.at(0), theta, Nd4j.createFromArray(g), step, s);
        }
        return 0.5 - theta.meanNumber().doubleValue();
    }

    @Test
    void scaledStepsDriftTheSameDistancePerEpochWhateverTheBatchSize() {
        double[] scaled = new double[3];
        double[] fixed = new double[3];
        int[] batches = {64, 128, 256};
        for (int i = 0; i < 3; i++) {
            TrainerConfig config = TrainerConfig.builder().batchSize(batches[i]).gateLearningRate(0.003).build();
            scaled[i] = drift(batches[i], config.gateStepSize());
            fixed[i] = drift(batches[i], 0.003);
        }
        assertEquals(1, scaled[0] / scaled[2], 0.15, "scaled: 64 vs 256 " + scaled[0] + " " + scaled[2]);
        assertEquals(1, scaled[1] / scaled[2], 0.15, "scaled: 128 vs 256 " + scaled[1] + " " + scaled[2]);
        assertTrue(fixed[0] / fixed[2] > 1.6, "a fixed step drifts further at small batches: " + fixed[0] + " " + fixed[2]);
    }

    @Test
    void theReferenceBatchAndTheSgdRuleKeepTheGivenStep() {
        assertEquals(0.003, TrainerConfig.builder().batchSize(128).gateLearningRate(0.003).build().gateStepSize(), 0);
        assertEquals(0.006, TrainerConfig.builder().batchSize(512).gateLearningRate(0.003).build().gateStepSize(), 1e-15);
        assertEquals(2.0, TrainerConfig.builder().batchSize(512).gateUpdate(GateUpdate.PROJECTED_SGD)
                .gateLearningRate(2.0).build().gateStepSize(), 0);
    }
}
