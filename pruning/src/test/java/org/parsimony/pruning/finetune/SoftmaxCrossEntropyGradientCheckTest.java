package org.parsimony.pruning.finetune;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxCrossEntropyGradientCheckTest {

    @Test
    void backpropagationMatchesCentralFiniteDifferences() {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(17);
        int[] widths = {5, 4, 3, 3};
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            weights.add(Nd4j.randn(random, widths[l - 1], widths[l]).castTo(DataType.DOUBLE));
            biases.add(Nd4j.randn(random, 1, widths[l]).castTo(DataType.DOUBLE).muli(0.3));
        }
        INDArray x = Nd4j.randn(random, 6, 5).castTo(DataType.DOUBLE);
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, 6, 3);
        for (int n = 0; n < 6; n++) {
            oneHot.putScalar(n, n % 3, 1);
        }
        SoftmaxCrossEntropy.LossAndGradient analytic = SoftmaxCrossEntropy.evaluate(weights, biases, x, oneHot);
        double h = 1e-6;
        int checked = 0;
        for (int l = 0; l < weights.size(); l++) {
            for (INDArray[] pair : new INDArray[][] {
                    {weights.get(l), analytic.weightGradients().get(l)},
                    {biases.get(l), analytic.biasGradients().get(l)}}) {
                INDArray parameter = pair[0];
                INDArray gradient = pair[1];
                for (int i = 0; i < parameter.length(); i++) {
                    double original = parameter.getDouble(i);
                    parameter.putScalar(i, original + h);
                    double plus = SoftmaxCrossEntropy.evaluate(weights, biases, x, oneHot).loss();
                    parameter.putScalar(i, original - h);
                    double minus = SoftmaxCrossEntropy.evaluate(weights, biases, x, oneHot).loss();
                    parameter.putScalar(i, original);
                    double numeric = (plus - minus) / (2 * h);
                    assertEquals(numeric, gradient.getDouble(i), 1e-6 + 1e-5 * Math.abs(numeric),
                            "layer " + l + " entry " + i);
                    checked++;
                }
            }
        }
        assertEquals(5 * 4 + 4 + 4 * 3 + 3 + 3 * 3 + 3, checked);
        assertTrue(analytic.weightGradients().get(0).norm2Number().doubleValue() > 0);
    }

    @Test
    void lossIsTheMeanNegativeLogSoftmaxOfTheLabel() {
        List<INDArray> weights = List.of(Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}}));
        List<INDArray> biases = List.of(Nd4j.createFromArray(new double[][] {{0, 0}}));
        INDArray x = Nd4j.createFromArray(new double[][] {{2, 0}, {1000, 0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}});
        double expected = (Math.log(1 + Math.exp(-2)) + 1000) / 2; // second row: logsumexp - 0, no overflow
        assertEquals(expected, SoftmaxCrossEntropy.evaluate(weights, biases, x, y).loss(), 1e-9);
    }
}
