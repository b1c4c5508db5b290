package org.parsimony.variational.graph;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.opentest4j.AssertionFailedError;
import org.parsimony.priors.Elementwise;
import org.parsimony.priors.GatePrior;
import org.parsimony.priors.GatedUnitKl;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.optim.GateUpdate;
import org.parsimony.variational.training.PriorSettings;
import org.parsimony.variational.training.TrainerConfig;
import org.parsimony.variational.training.TrainingResult;
import org.parsimony.variational.training.VariationalTrainer;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parsimony.variational.graph.ConvElboGraphGradientCheckTest.fixedInputs;

/**
 * A new gate prior is one class and one setting: a toy prior written here (not shipped) is evaluated by the SameDiff
 * graph, which differentiates it, and by the hand-written ELBO, which uses its stated derivative, with equal numbers;
 * a wrong derivative is caught by the same comparison; and the trainer uses it once set in {@link PriorSettings}.
 */
class NewGatePriorTest {

    /** Toy: a fixed cost of {@code c} nats per open unit, {@code c theta} (an L0-like penalty), derivative {@code c}. */
    record OpenUnitCost(double cost) implements GatePrior {
        @Override
        public <T> T kl(Elementwise<T> e, T theta, T thetaInLogs, T inclusion) {
            return e.times(theta, cost);
        }

        @Override
        public <T> T klDerivative(Elementwise<T> e, T theta, T thetaInLogs, T inclusion, T clipSlope) {
            return e.constant(cost);
        }
    }

    /** The toy with its derivative off by a factor of two. */
    record WrongDerivative(double cost) implements GatePrior {
        @Override
        public <T> T kl(Elementwise<T> e, T theta, T thetaInLogs, T inclusion) {
            return new OpenUnitCost(cost).kl(e, theta, thetaInLogs, inclusion);
        }

        @Override
        public <T> T klDerivative(Elementwise<T> e, T theta, T thetaInLogs, T inclusion, T clipSlope) {
            return e.constant(2 * cost);
        }
    }

    private static VariationalNetwork network() {
        VariationalNetwork network = ConvElboGraphGradientCheckTest.randomNetwork(Architecture.mlp(5, new int[] {4, 3}, 3), 7);
        for (int l = 0; l < network.layerCount() - 1; l++) {
            network.layer(l).bias().addi(1.0);
        }
        return network;
    }

    @Test
    void theHandWrittenElboUsesTheToysDerivativeAndMatchesTheGraph() {
        VariationalNetwork network = network();
        ElboInputs inputs = fixedInputs(network, 11, 0.3);
        for (boolean pointMass : new boolean[] {true, false}) {
            GatedUnitKl toy = new GatedUnitKl(new OpenUnitCost(3.0), pointMass);
            ElboEvaluation graph = new ElboGraph(network, toy, GateEstimator.STRAIGHT_THROUGH).evaluate(inputs);
            ElboEvaluation dense = new DenseElboBackprop(network, toy, GateEstimator.STRAIGHT_THROUGH).evaluate(inputs);
            assertSame(graph, dense);
            ElboEvaluation bernoulli = new ElboGraph(network, pointMass, GateEstimator.STRAIGHT_THROUGH, false)
                    .evaluate(inputs);
            assertNotEquals(bernoulli.kl(), graph.kl(), 1e-3, "the toy's term replaces the Bernoulli KL");
        }
    }

    @Test
    void aWrongDerivativeIsCaught() {
        VariationalNetwork network = network();
        ElboInputs inputs = fixedInputs(network, 11, 0.3);
        GatedUnitKl wrong = new GatedUnitKl(new WrongDerivative(3.0), true);
        ElboEvaluation graph = new ElboGraph(network, wrong, GateEstimator.STRAIGHT_THROUGH).evaluate(inputs);
        ElboEvaluation dense = new DenseElboBackprop(network, wrong, GateEstimator.STRAIGHT_THROUGH).evaluate(inputs);
        assertThrows(AssertionFailedError.class, () -> assertSame(graph, dense));
    }

    @Test
    void theTrainerUsesTheGatePriorItIsGiven() {
        LabeledData train = blobs(256, 1);
        TrainerConfig config = TrainerConfig.builder().epochs(3).fineTuneEpochs(0).warmupEpochs(0).batchSize(32)
                .klWeight(1.0).gateUpdate(GateUpdate.PROJECTED_SGD).gateLearningRate(0.05).seed(2).build();
        int[] cheap = trainedWidths(config, PriorSettings.defaults().withGatePrior(new OpenUnitCost(0)), train);
        int[] dear = trainedWidths(config, PriorSettings.defaults().withGatePrior(new OpenUnitCost(1e5)), train);
        assertArrayEquals(new int[] {ElboGraph.MIN_WIDTH, ElboGraph.MIN_WIDTH}, dear, "every unit costs too much");
        assertNotEquals(java.util.Arrays.toString(dear), java.util.Arrays.toString(cheap));
    }

    private static int[] trainedWidths(TrainerConfig config, PriorSettings priors, LabeledData train) {
        VariationalTrainer trainer = new VariationalTrainer(config, priors);
        TrainingResult result = trainer.train(trainer.initialize(train, new int[] {8, 6}), train, train, null);
        return result.history().get(result.history().size() - 1).liveUnits();
    }

    /** Two classes told apart by the first two of six inputs. */
    private static LabeledData blobs(int n, long seed) {
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

    /** Loss, KL and every gradient entry equal to 1e-9 (relative above magnitude 1). */
    private static void assertSame(ElboEvaluation expected, ElboEvaluation actual) {
        assertEquals(expected.loss(), actual.loss(), 1e-9 * Math.max(1, Math.abs(expected.loss())), "loss");
        assertEquals(expected.kl(), actual.kl(), 1e-9 * Math.max(1, Math.abs(expected.kl())), "kl");
        expected.gradients().forEach((name, g) -> {
            INDArray other = actual.gradients().get(name);
            for (long i = 0; i < g.length(); i++) {
                double e = g.getDouble(i);
                assertEquals(e, other.getDouble(i), 1e-9 * Math.max(1, Math.abs(e)), name + "[" + i + "]");
            }
        });
    }
}
