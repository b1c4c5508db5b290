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
    void theUpdatesShrinkWithTheRateWhileAdamsStateIsKept() {
        LabeledData data = randomData(250, 9);
        List<Double> constant = stepNorms(data, false);
        List<Double> annealed = stepNorms(data, true);
        assertEquals(1.0, annealed.get(0) / constant.get(0), 1e-4, "the first update at the full rate, the same state");
        double lastRate = 0.5 * (1 + Math.cos(Math.PI * 9 / 10));
        assertEquals(lastRate, annealed.get(9) / constant.get(9), 0.2 * lastRate,
                "Adam's step is proportional to its rate: the last annealed update is the cosine's fraction of the constant one");
    }

    /** The norm of each parameter update over 2 epochs of 5 minibatches, after 1 epoch at the constant rate. */
    private static List<Double> stepNorms(LabeledData data, boolean annealed) {
        MultiLayerNetwork net = Dl4jNets.mlp(5);
        Dl4jData feed = new Dl4jData(net, data, null);
        feed.fit(data, 1, 50, 1, epoch -> { }); // Adam's moments are warm, as in a network that was trained
        List<Double> norms = new ArrayList<>();
        INDArray[] before = {net.params().dup()};
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                INDArray now = ((MultiLayerNetwork) model).params();
                norms.add(now.sub(before[0]).norm2Number().doubleValue());
                before[0] = now.dup();
            }
        });
        if (annealed) {
            feed.fitAnnealed(data, 2, 50, 2, epoch -> { });
        } else {
            feed.fit(data, 2, 50, 2, epoch -> { });
        }
        return norms;
    }

    @Test
    void aConvNetWithPoolingAndBatchNormIsAnnealedAndItsRatesPutBack() {
        MultiLayerNetwork net = Dl4jNets.lenet(2, org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, 4, 6, 10);
        LabeledData data = randomData(100, 5);
        new Dl4jData(net, data, new org.parsimony.variational.network.ImageShape(1, 28, 28))
                .fitAnnealed(data, 1, 50, 3, epoch -> { });
        for (int l = 0; l < net.getnLayers(); l++) {
            if (net.getLayer(l).numParams() > 0) {
                assertEquals(1e-3, net.getLearningRate(l), 0.0, "layer " + l);
            }
        }
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
