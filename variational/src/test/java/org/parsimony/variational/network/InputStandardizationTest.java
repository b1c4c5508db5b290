package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.data.LabeledData;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The global input standardisation: fitted moments, the mapped data, and the exact fold into the first layer. */
class InputStandardizationTest {

    @Test
    void fitsTheMeanAndPopulationStandardDeviationOfAllFeatures() {
        // features 0, 1, 2, 3, 4, 5: mean 2.5, population variance 35/12
        LabeledData data = new LabeledData(new float[] {0, 1, 2, 3, 4, 5}, new int[] {0, 1, 0}, 2, 2);
        InputStandardization s = InputStandardization.fit(data);
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(35.0 / 12), s.std(), 1e-12);

        LabeledData mapped = s.apply(data);
        float[] f = new float[6];
        for (int i = 0; i < 3; i++) {
            mapped.copyFeatures(i, f, 2 * i);
        }
        double sum = 0;
        double squares = 0;
        for (int k = 0; k < 6; k++) {
            assertEquals((k - 2.5) / Math.sqrt(35.0 / 12), f[k], 1e-6);
            sum += f[k];
            squares += f[k] * f[k];
        }
        assertEquals(0, sum / 6, 1e-6);
        assertEquals(1, squares / 6, 1e-6);
        assertEquals(data.label(1), mapped.label(1));
    }

    @Test
    void rejectsConstantOrEmptyDataAndImpossibleMoments() {
        LabeledData constant = new LabeledData(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new int[] {0, 1}, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputStandardization.fit(constant));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InputStandardization.fit(new LabeledData(new float[0], new int[0], 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new InputStandardization(0.3, 0));
        assertThrows(IllegalArgumentException.class, () -> new InputStandardization(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new InputStandardization(0.3, Double.POSITIVE_INFINITY));
    }

    @Test
    void theFoldedMlpReadsRawInputsAsTheOriginalReadsStandardisedOnes() {
        DeterministicNetwork net = VariationalNetwork.initialize(Architecture.mlp(12, new int[] {7, 5}, 3), 0.01, 1.0, 3)
                .toDeterministic();
        assertFoldIsExact(net, 12, new InputStandardization(0.29, 0.35));
    }

    @Test
    void theFoldedLenet5ReadsRawInputsAsTheOriginalReadsStandardisedOnes() {
        DeterministicNetwork net = VariationalNetwork.initialize(Architecture.lenet5(new ImageShape(1, 28, 28), 10),
                0.01, 1.0, 5).toDeterministic();
        assertTrue(InputStandardization.foldable(net.architecture()));
        assertFoldIsExact(net, 784, new InputStandardization(0.29, 0.35));
    }

    @Test
    void refusesToFoldIntoAZeroPaddedFirstConvolution() {
        Architecture vgg = Architecture.smallVgg(new ImageShape(1, 28, 28), 10);
        assertTrue(!InputStandardization.foldable(vgg));
        DeterministicNetwork net = VariationalNetwork.initialize(vgg, 0.01, 1.0, 5).toDeterministic();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InputStandardization(0.29, 0.35).foldInto(net));
        assertTrue(e.getMessage().contains("pads"), e.getMessage());
    }

    private static void assertFoldIsExact(DeterministicNetwork net, int features, InputStandardization s) {
        Random random = new Random(11);
        float[] raw = new float[4 * features];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = random.nextFloat();
        }
        INDArray x = Nd4j.create(raw, new long[] {4, features}).castTo(DataType.FLOAT);
        INDArray standardised = x.sub(s.mean()).div(s.std());
        INDArray expected = net.logits(standardised);
        INDArray folded = s.foldInto(net).logits(x);
        double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length());
        assertTrue(scale > 1e-3, "logits too small to compare: " + expected);
        assertTrue(expected.sub(folded).amaxNumber().doubleValue() < 1e-4 * Math.max(1, scale), expected + " vs " + folded);
        assertEquals(net.complexity().parameters(), s.foldInto(net).complexity().parameters());
    }
}
