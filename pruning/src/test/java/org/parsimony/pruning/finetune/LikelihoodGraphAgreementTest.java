package org.parsimony.pruning.finetune;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.graph.LikelihoodGraph;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.optim.AdamOptimizer;
import org.parsimony.variational.training.NoiseSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SameDiff baseline graph of the benchmarks and the hand-written backprop of {@link DeterministicTrainer} are two
 * implementations of the same training: from the same start, on the same minibatches, with the same Adam, they must
 * end at the same weights.
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
        DeterministicMlp inGraph = graph.network();

        double moved = 0;
        for (int l = 0; l < widths.length - 1; l++) {
            moved = Math.max(moved, byHand.weight(l).sub(start.weight(l)).amaxNumber().doubleValue());
            assertEquals(0, byHand.weight(l).sub(inGraph.weight(l)).amaxNumber().doubleValue(), 1e-4, "weights of layer " + l);
            assertEquals(0, byHand.bias(l).sub(inGraph.bias(l)).amaxNumber().doubleValue(), 1e-4, "biases of layer " + l);
        }
        assertTrue(moved > 1e-2, "training moved the weights by " + moved);
        assertTrue(Double.isFinite(firstLoss) && Double.isFinite(lastLoss));
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
