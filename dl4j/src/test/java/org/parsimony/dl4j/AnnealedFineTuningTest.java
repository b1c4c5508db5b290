package org.parsimony.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.LabeledData;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnealedFineTuningTest {

    @Test
    void theLearningRateFollowsAHalfCosineToZeroAndIsPutBackAfterwards() {
        MultiLayerNetwork net = Dl4jNets.mlp(3);
        LabeledData data = randomData(250, 7);
        List<Double> rates = new ArrayList<>();
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                // the rate DL4J applied in the update just done, iteration counted from 0
                BaseLayer layer = (BaseLayer) ((MultiLayerNetwork) model).getLayer(0).conf().getLayer();
                rates.add(layer.getIUpdater().getLearningRate(iteration, epoch));
            }
        });
        new Dl4jData(net, data, null).fitAnnealed(data, 2, 50, 11, epoch -> { });

        assertEquals(10, rates.size(), "2 epochs of 5 minibatches");
        assertEquals(1e-3, rates.get(0), 1e-12, "the first update uses the configured rate");
        for (int i = 1; i < rates.size(); i++) {
            assertTrue(rates.get(i) < rates.get(i - 1), "the rate falls at every update: " + rates);
        }
        assertEquals(1e-3 * 0.5 * (1 + Math.cos(Math.PI * 9 / 10)), rates.get(9), 1e-12);
        for (int l = 0; l < 3; l++) {
            assertEquals(1e-3, net.getLearningRate(l), 0.0, "layer " + l + "'s fixed rate is put back");
        }
    }

    @Test
    void theUpdaterStateIsKeptWhileTheScheduleIsSet() {
        MultiLayerNetwork net = Dl4jNets.mlp(5);
        LabeledData data = randomData(100, 9);
        Dl4jData feed = new Dl4jData(net, data, null);
        feed.fit(data, 1, 50, 1, epoch -> { });
        INDArray before = net.getUpdater().getStateViewArray().dup();
        Dl4jNetwork network = Dl4jNetwork.of(net);
        network.learningRate(0, new HalfCosineSchedule(1e-3, network.iterationCount(), 10));
        network.learningRate(0, 1e-3);
        assertArrayEquals(before.toFloatVector(), net.getUpdater().getStateViewArray().toFloatVector(), 0f,
                "Adam's moment estimates survive setting and restoring the schedule");
    }

    private static LabeledData randomData(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(10);
            for (int j = 0; j < 784; j++) {
                x[i * 784 + j] = (float) (random.nextDouble() + (j % 10 == y[i] ? 1 : 0));
            }
        }
        return new LabeledData(x, y, 784, 10);
    }
}
