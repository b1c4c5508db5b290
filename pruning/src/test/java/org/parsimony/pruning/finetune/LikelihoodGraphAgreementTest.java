package org.parsimony.pruning.finetune;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.TinyConvNet;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.graph.LikelihoodGraph;
import org.parsimony.variational.network.DeterministicConvNet;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.optim.AdamOptimizer;
import org.parsimony.variational.training.NoiseSource;
import org.parsimony.variational.training.TrainingListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SameDiff graph ({@link LikelihoodGraph}, {@link LikelihoodGraphTrainer}) and the hand-written backprop of
 * {@link DeterministicTrainer} are two implementations of the same training: from the same start, on the same
 * minibatches, with the same Adam, they must end at the same weights. On a conv net the graph must compute the loss of
 * {@code DeterministicConvNet.logits} and lower it.
 */
class LikelihoodGraphAgreementTest {

    @Test
    void oneEpochInTheGraphEqualsOneEpochOfHandWrittenBackprop() {
        LabeledData data = randomData(96, 12, 3, 5);
        int[] widths = {12, 8, 6, 3};
        DeterministicMlp start = DeterministicTrainer.initialize(widths, 7);
        FineTuneConfig config = new FineTuneConfig(1, 16, 1e-2, 3);

        DeterministicMlp byHand = new DeterministicTrainer(config).train(start, data);

        LikelihoodGraph graph = new LikelihoodGraph(start);
        AdamOptimizer adam = new AdamOptimizer();
        int[] order = new NoiseSource(config.seed()).permutation(0, data.size());
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        for (int from = 0; from < order.length; from += config.batchSize()) {
            lastLoss = graph.step(Minibatch.of(data, order, from, from + config.batchSize()), adam, config.learningRate());
            firstLoss = Double.isNaN(firstLoss) ? lastLoss : firstLoss;
        }
        DeterministicNetwork inGraph = graph.network();

        double moved = 0;
        for (int l = 0; l < widths.length - 1; l++) {
            moved = Math.max(moved, byHand.weight(l).sub(start.weight(l)).amaxNumber().doubleValue());
            assertEquals(0, byHand.weight(l).sub(inGraph.weight(l)).amaxNumber().doubleValue(), 1e-4, "weights of layer " + l);
            assertEquals(0, byHand.bias(l).sub(inGraph.bias(l)).amaxNumber().doubleValue(), 1e-4, "biases of layer " + l);
        }
        assertTrue(moved > 1e-2, "training moved the weights by " + moved);
        assertTrue(Double.isFinite(firstLoss) && Double.isFinite(lastLoss));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void theGraphTrainerEndsWhereHandWrittenBackpropEndsOnAnMlp(boolean cosineDecay) {
        LabeledData data = randomData(96, 12, 3, 5);
        DeterministicMlp start = DeterministicTrainer.initialize(new int[] {12, 8, 6, 3}, 7);
        FineTuneConfig config = new FineTuneConfig(2, 16, 1e-2, 3, cosineDecay);
        List<Long> steps = new ArrayList<>();
        DeterministicMlp byHand = new DeterministicTrainer(config).train(start, data);
        DeterministicNetwork inGraph = new LikelihoodGraphTrainer(config).train(start, data,
                TrainingListener.onSteps((step, loss, weights) -> steps.add(step)));

        assertInstanceOf(DeterministicMlp.class, inGraph);
        assertEquals(12, steps.size(), "one listener call per update");
        for (int l = 0; l < 3; l++) {
            assertEquals(0, byHand.weight(l).sub(inGraph.weight(l)).amaxNumber().doubleValue(), 1e-4, "weights of layer " + l);
            assertEquals(0, byHand.bias(l).sub(inGraph.bias(l)).amaxNumber().doubleValue(), 1e-4, "biases of layer " + l);
        }
    }

    @Test
    void theConvGraphComputesTheConvNetsLossAndTrainingLowersIt() {
        LabeledData data = TinyConvNet.images(192, 4);
        DeterministicNetwork start = LikelihoodGraphTrainer.initialize(TinyConvNet.ARCHITECTURE, 2);
        Minibatch all = Minibatch.of(data, IntStream.range(0, data.size()).toArray(), 0, data.size());

        double inGraph = new LikelihoodGraph(start).loss(all);
        assertEquals(crossEntropy(start.logits(all.features()), all.labels()), inGraph, 1e-5,
                "the graph's forward pass is DeterministicConvNet.logits");

        DeterministicNetwork trained = new LikelihoodGraphTrainer(new FineTuneConfig(3, 16, 1e-2, 1)).train(start, data, null);
        assertInstanceOf(DeterministicConvNet.class, trained);
        double after = crossEntropy(trained.logits(all.features()), all.labels());
        assertTrue(after < 0.7 * inGraph, "loss " + inGraph + " -> " + after);
        assertTrue(trained.accuracy(data) > 0.6, "accuracy " + trained.accuracy(data));
    }

    @Test
    void aConvNetPrunedToOneUnitPerLayerStillTrains() {
        LabeledData data = TinyConvNet.images(64, 4);
        DeterministicNetwork narrow = LikelihoodGraphTrainer.initialize(
                TinyConvNet.ARCHITECTURE.withGatedUnits(new int[] {1, 1, 1}), 2);
        DeterministicNetwork trained = new LikelihoodGraphTrainer(new FineTuneConfig(1, 16, 1e-2, 1)).train(narrow, data, null);
        assertTrue(trained.weight(1).sub(narrow.weight(1)).amaxNumber().doubleValue() > 0, "the 1x1-channel kernel moved");
    }

    /** Mean {@code -log softmax(z)_y}, in double. */
    private static double crossEntropy(INDArray logits, int[] labels) {
        double[][] z = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            double max = Arrays.stream(z[i]).max().orElseThrow();
            double sum = Arrays.stream(z[i]).map(v -> Math.exp(v - max)).sum();
            total += max + Math.log(sum) - z[i][labels[i]];
        }
        return total / z.length;
    }

    private static LabeledData randomData(int n, int d, int classes, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(classes);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (random.nextGaussian() + (j % classes == y[i] ? 1.5 : 0));
            }
        }
        return new LabeledData(x, y, d, classes);
    }
}
