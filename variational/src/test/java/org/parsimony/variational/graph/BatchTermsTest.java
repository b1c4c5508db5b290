package org.parsimony.variational.graph;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parsimony.variational.elements.NativeElements;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parsimony.variational.graph.DenseLayerTermsTest.elements;
import static org.parsimony.variational.graph.DenseLayerTermsTest.output;
import static org.parsimony.variational.graph.DenseLayerTermsTest.uniform;
import static org.parsimony.variational.graph.DenseLayerTermsTest.uniformDoubles;

/**
 * {@link BatchTerms}: each kernel's {@code float} branch against its {@code double} branch over the same values (to
 * float precision; the double branch is checked against SameDiff by the gradient checks of {@link DenseElboBackprop}),
 * and the gate samples and the ReLU mask exactly against their definitions; for arrays within one {@link RowChunks}
 * chunk, over more than {@link DenseLayerTerms#BLOCK} chunks ending in a partial one, and with rows wider than a chunk.
 */
class BatchTermsTest {
    private static final double FLOAT_TOLERANCE = 1e-5;

    @ParameterizedTest
    @CsvSource({"37, 5", "2500, 7", "3, 1500"})
    void reparameterisationInFloatAgreesWithDouble(int rows, int units) {
        Random random = new Random(rows);
        float[] pre = uniform(random, rows, units, -2, 2);
        float[] preVariance = uniform(random, rows, units, 0, 3);
        float[] eps = uniform(random, rows, units, -2, 2);
        double[] bias = uniformDoubles(random, units, -1, 1);
        for (int j = 0; j < units; j++) {
            bias[j] = (float) bias[j];
        }
        NativeElements.Arena arena = new NativeElements.Arena();
        NativeElements[] results = new NativeElements[4];
        for (int t = 0; t < 2; t++) {
            boolean asDouble = t == 1;
            NativeElements p = elements(arena, pre, rows, units, asDouble);
            NativeElements half = output(arena, rows, units, asDouble);
            BatchTerms.reparameterise(p, elements(arena, preVariance, rows, units, asDouble),
                    elements(arena, eps, rows, units, asDouble), bias, units, half, arena);
            results[2 * t] = p;
            results[2 * t + 1] = half;
        }
        assertAgree(results[2], results[0], rows * units, "pre-activation");
        assertAgree(results[3], results[1], rows * units, "eps / 2s");
        // the definition, for one element of the last row
        int k = rows * units - 1;
        double std = Math.sqrt(preVariance[k] + ElboGraph.PRE_VARIANCE_JITTER);
        assertEquals(pre[k] + bias[units - 1] + std * eps[k], results[2].values()[k], 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"37, 5", "2500, 7", "3, 1500"})
    void hardGatesAreExactlyTheIndicatorInBothPrecisions(int rows, int units) {
        Random random = new Random(rows);
        float[] u = uniform(random, rows, units, 1e-6, 1 - 1e-6);
        double[] theta = uniformDoubles(random, units, 0, 1);
        theta[0] = 0;
        theta[units - 1] = 1;
        for (int j = 0; j < units; j++) {
            theta[j] = (float) theta[j];
        }
        u[1 % u.length] = (float) theta[1 % units]; // a draw equal to its gate's probability: closed
        u[u.length - 2] = Math.nextDown((float) theta[(u.length - 2) % units]);
        NativeElements.Arena arena = new NativeElements.Arena();
        for (boolean asDouble : new boolean[] {false, true}) {
            NativeElements gate = output(arena, rows, units, asDouble);
            BatchTerms.hardGates(elements(arena, u, rows, units, asDouble), theta, units, gate, arena);
            for (int k = 0; k < rows * units; k++) {
                double expected = u[k] < theta[k % units] ? 1 : 0;
                assertEquals(expected, value(gate, k), 0, "gate " + k + (asDouble ? " (double)" : " (float)"));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"37, 5", "3, 1500"})
    void relaxedGatesAndProductsInFloatAgreeWithDouble(int rows, int units) {
        Random random = new Random(rows);
        float[] u = uniform(random, rows, units, 1e-6, 1 - 1e-6);
        float[] a = uniform(random, rows, units, -2, 2);
        float[] b = uniform(random, rows, units, -2, 2);
        float[] c = uniform(random, rows, units, -2, 2);
        double[] logit = uniformDoubles(random, units, -3, 3);
        NativeElements.Arena arena = new NativeElements.Arena();
        NativeElements[] gates = new NativeElements[2];
        NativeElements[] products = new NativeElements[2];
        NativeElements[] inputGradients = new NativeElements[2];
        for (int t = 0; t < 2; t++) {
            boolean asDouble = t == 1;
            gates[t] = output(arena, rows, units, asDouble);
            BatchTerms.relaxedGates(elements(arena, u, rows, units, asDouble), logit, 0.7, units, gates[t]);
            products[t] = elements(arena, a, rows, units, asDouble);
            BatchTerms.multiply(products[t], elements(arena, b, rows, units, asDouble), products[t]);
            inputGradients[t] = output(arena, rows, units, asDouble);
            BatchTerms.inputGradient(elements(arena, a, rows, units, asDouble), elements(arena, b, rows, units,
                    asDouble), elements(arena, c, rows, units, asDouble), inputGradients[t]);
        }
        assertAgree(gates[1], gates[0], rows * units, "relaxed gate");
        assertAgree(products[1], products[0], rows * units, "product");
        assertAgree(inputGradients[1], inputGradients[0], rows * units, "input gradient");
        assertEquals(2.0 * a[0] * b[0] + c[0], inputGradients[1].values()[0], 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"37, 5", "2500, 7", "3, 1500"})
    void reluMaskKeepsExactlyTheActiveEntries(int rows, int units) {
        Random random = new Random(rows);
        float[] activation = uniform(random, rows, units, -1, 1);
        for (int k = 0; k < activation.length; k++) {
            activation[k] = Math.max(activation[k], 0f);
        }
        activation[0] = Float.MIN_VALUE; // the smallest positive float still counts as active
        float[] grad = uniform(random, rows, units, -2, 2);
        NativeElements.Arena arena = new NativeElements.Arena();
        for (boolean asDouble : new boolean[] {false, true}) {
            NativeElements g = elements(arena, grad, rows, units, asDouble);
            BatchTerms.reluMask(g, elements(arena, activation, rows, units, asDouble));
            for (int k = 0; k < grad.length; k++) {
                assertEquals(activation[k] > 0 ? grad[k] : 0, value(g, k), 0, "mask " + k);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"37, 5", "2500, 7", "3, 1500"})
    void perUnitSumsInFloatAgreeWithDouble(int rows, int units) {
        Random random = new Random(rows);
        float[] grad = uniform(random, rows, units, -1, 1);
        float[] activation = uniform(random, rows, units, 0, 2);
        float[] gate = uniform(random, rows, units, 0, 1);
        NativeElements.Arena arena = new NativeElements.Arena();
        double[][][] sums = new double[2][3][units];
        for (int t = 0; t < 2; t++) {
            boolean asDouble = t == 1;
            NativeElements g = elements(arena, grad, rows, units, asDouble);
            NativeElements a = elements(arena, activation, rows, units, asDouble);
            BatchTerms.columnSums(g, units, sums[t][0], arena);
            BatchTerms.gateSums(g, a, null, units, sums[t][1], arena);
            BatchTerms.gateSums(g, a, elements(arena, gate, rows, units, asDouble), units, sums[t][2], arena);
        }
        for (int j = 0; j < units; j++) {
            double reference = 0;
            for (int r = 0; r < rows; r++) {
                reference += grad[r * units + j];
            }
            assertEquals(reference, sums[1][0][j], 1e-9 * rows);
            for (int s = 0; s < 3; s++) {
                assertEquals(sums[1][s][j], sums[0][s][j], FLOAT_TOLERANCE * rows, "sum " + s + " of unit " + j);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"37, 10", "3, 3"})
    void softmaxCrossEntropyInFloatAgreesWithDouble(int batch, int classes) {
        Random random = new Random(batch);
        float[] logits = uniform(random, batch, classes, -5, 5);
        float[] y = new float[batch * classes];
        for (int r = 0; r < batch; r++) {
            y[r * classes + r % classes] = 1;
        }
        NativeElements.Arena arena = new NativeElements.Arena();
        double[] nll = new double[2];
        NativeElements[] grads = new NativeElements[2];
        for (int t = 0; t < 2; t++) {
            boolean asDouble = t == 1;
            grads[t] = output(arena, batch, classes, asDouble);
            nll[t] = BatchTerms.softmaxCrossEntropy(elements(arena, logits, batch, classes, asDouble),
                    elements(arena, y, batch, classes, asDouble), grads[t], batch, classes, arena);
        }
        double reference = 0;
        for (int r = 0; r < batch; r++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[r * classes + c]);
            }
            reference += Math.log(sum) - logits[r * classes + r % classes];
        }
        assertEquals(reference / batch, nll[1], 1e-12);
        assertEquals(nll[1], nll[0], 1e-6);
        assertAgree(grads[1], grads[0], batch * classes, "softmax gradient");
    }

    private static double value(NativeElements elements, int k) {
        return elements.isFloat() ? elements.floats()[k] : elements.values()[k];
    }

    /** Float results within {@link #FLOAT_TOLERANCE} of the double ones, relative above magnitude 1. */
    private static void assertAgree(NativeElements inDouble, NativeElements inFloat, int n, String what) {
        for (int k = 0; k < n; k++) {
            double expected = inDouble.values()[k];
            assertEquals(expected, inFloat.floats()[k], FLOAT_TOLERANCE * Math.max(1, Math.abs(expected)),
                    what + " " + k);
        }
    }
}
