package org.parsimony.variational.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.parsimony.variational.network.ParameterKey;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.UnitSelection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdamOptimizerTest {
    private static final ParameterKey P = ParameterKind.WEIGHT.at(0);
    private static final ParameterKey EARLY = ParameterKind.WEIGHT.at(0);
    private static final ParameterKey LATE = ParameterKind.WEIGHT.at(1);
    private static final ParameterKey UNCORRECTED = ParameterKind.WEIGHT.at(2);
    private static final ParameterKey GATES = ParameterKind.GATE.at(0);
    private static final ParameterKey W = ParameterKind.WEIGHT_MEAN.at(0);


    @Test
    void twoStepsMatchTheClosedForm() {
        AdamOptimizer adam = new AdamOptimizer(0.9, 0.999, 1e-8);
        INDArray p = Nd4j.createFromArray(1.0, -2.0);
        double[] g1 = {0.5, -1.0};
        double[] g2 = {0.1, 0.3};
        adam.beginStep();
        adam.apply(P, p, Nd4j.createFromArray(g1), 0.01);
        adam.beginStep();
        adam.apply(P, p, Nd4j.createFromArray(g2), 0.01);
        for (int i = 0; i < 2; i++) {
            double m = 0.9 * (0.1 * g1[i]) + 0.1 * g2[i];
            double v = 0.999 * (0.001 * g1[i] * g1[i]) + 0.001 * g2[i] * g2[i];
            double firstStep = 0.01 * Math.sqrt(1 - 0.999) / (1 - 0.9) * (0.1 * g1[i]) / (Math.sqrt(0.001 * g1[i] * g1[i]) + 1e-8);
            double secondStep = 0.01 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.81) * m / (Math.sqrt(v) + 1e-8);
            double start = i == 0 ? 1.0 : -2.0;
            assertEquals(start - firstStep - secondStep, p.getDouble(i), 1e-12);
        }
    }

    @Test
    void aParameterThatStartsLateIsBiasCorrectedByItsOwnUpdateCount() {
        AdamOptimizer shared = new AdamOptimizer();
        INDArray early = Nd4j.createFromArray(0.0, 0.0);
        for (int t = 0; t < 50; t++) {
            shared.beginStep();
            shared.apply(EARLY, early, Nd4j.createFromArray(1.0, -1.0), 0.01);
        }
        INDArray late = Nd4j.createFromArray(0.9, 0.9);
        shared.beginStep();
        shared.apply(LATE, late, Nd4j.createFromArray(1e-3, 1e3), 0.01, 1);
        // the first bias-corrected Adam step is lr * sign(g), whatever the gradient's scale
        assertEquals(0.89, late.getDouble(0), 1e-5, "up to Adam's epsilon");
        assertEquals(0.89, late.getDouble(1), 1e-9);
        INDArray corrected = Nd4j.createFromArray(0.9, 0.9);
        shared.apply(UNCORRECTED, corrected, Nd4j.createFromArray(1e-6, 1e3), 0.01);
        assertTrue(Math.abs(0.9 - corrected.getDouble(1)) < 0.008,
                "corrected with the shared step count (51), a fresh moment moves about 0.71 lr");
        assertThrows(IllegalArgumentException.class,
                () -> shared.apply(LATE, late, Nd4j.createFromArray(1.0, 1.0), 0.01, 0));
    }

    @Test
    void aSharedSecondMomentKeepsTheElementsRelativeSpeedsAndBoundsEachStep() {
        AdamOptimizer adam = new AdamOptimizer();
        INDArray p = Nd4j.createFromArray(0.5, 0.5, 0.5, 0.5);
        double[] g = {0.001, 0.01, 0.1, -0.1};
        adam.beginStep();
        adam.applySharedScale(GATES, p, Nd4j.createFromArray(g), 0.01, 1);
        // first step: mhat = g, vhat = mean(g^2), so each element moves lr g / rms(g), clipped to lr
        double rms = Math.sqrt((1e-6 + 1e-4 + 1e-2 + 1e-2) / 4);
        assertEquals(0.5 - 0.01 * 0.001 / rms, p.getDouble(0), 1e-9);
        assertEquals(0.5 - 0.01 * 0.01 / rms, p.getDouble(1), 1e-9);
        assertEquals(0.5 - 0.01, p.getDouble(2), 1e-12, "clipped to lr");
        assertEquals(0.5 + 0.01, p.getDouble(3), 1e-12, "clipped to lr");
        INDArray scaled = Nd4j.createFromArray(0.5, 0.5, 0.5, 0.5);
        AdamOptimizer other = new AdamOptimizer();
        other.beginStep();
        other.applySharedScale(GATES, scaled, Nd4j.createFromArray(g).mul(1e4), 0.01, 1);
        assertEquals(0.0, p.sub(scaled).amaxNumber().doubleValue(), 1e-9, "independent of the gradient's scale");
        assertEquals(adam.moments(GATES)[1].getDouble(0), adam.moments(GATES)[1].getDouble(3), 0.0);
    }

    @Test
    void columnMajorArraysTakeTheSameStepsAsRowMajorOnes() {
        INDArray rowMajor = Nd4j.rand(DataType.FLOAT, 5, 3).subi(0.5);
        INDArray columnMajor = rowMajor.dup('f');
        AdamOptimizer a = new AdamOptimizer();
        AdamOptimizer b = new AdamOptimizer();
        for (int t = 0; t < 3; t++) {
            INDArray gradient = Nd4j.rand(DataType.FLOAT, 5, 3).subi(0.5);
            a.beginStep();
            b.beginStep();
            a.apply(W, rowMajor, gradient.dup('c'), 0.05);
            b.apply(W, columnMajor, gradient.dup('f'), 0.05);
        }
        assertEquals('f', columnMajor.ordering());
        assertEquals(0.0, rowMajor.sub(columnMajor).amaxNumber().doubleValue(), 0.0);
        assertTrue(a.moments(W)[1].amaxNumber().doubleValue() > 0);
    }

    @Test
    void floatTwoStepsMatchTheClosedForm() {
        AdamOptimizer adam = new AdamOptimizer(0.9, 0.999, 1e-8);
        INDArray p = Nd4j.createFromArray(1.0f, -2.0f);
        float[] g1 = {0.5f, -1.0f};
        float[] g2 = {0.1f, 0.3f};
        adam.beginStep();
        adam.apply(P, p, Nd4j.createFromArray(g1), 0.01);
        adam.beginStep();
        adam.apply(P, p, Nd4j.createFromArray(g2), 0.01);
        assertEquals(DataType.FLOAT, p.dataType());
        assertEquals(DataType.FLOAT, adam.moments(P)[0].dataType());
        assertEquals(DataType.FLOAT, adam.moments(P)[1].dataType());
        for (int i = 0; i < 2; i++) {
            double a = g1[i];
            double b = g2[i];
            double m = 0.9 * (0.1 * a) + 0.1 * b;
            double v = 0.999 * (0.001 * a * a) + 0.001 * b * b;
            double firstStep = 0.01 * Math.sqrt(1 - 0.999) / (1 - 0.9) * (0.1 * a) / (Math.sqrt(0.001 * a * a) + 1e-8);
            double secondStep = 0.01 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.81) * m / (Math.sqrt(v) + 1e-8);
            double expected = (i == 0 ? 1.0 : -2.0) - firstStep - secondStep;
            assertEquals(expected, p.getFloat(i), 1e-6 * Math.abs(expected), "parameter " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void aViewTakesTheSameStepsAsItsPlainCopy(DataType type) {
        // a column view cannot be read in bulk: it is updated through a plain copy and written back
        INDArray whole = Nd4j.rand(type, 4, 6).subi(0.5);
        INDArray outside = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 6)).dup();
        INDArray view = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4));
        INDArray plain = view.dup('c');
        INDArray start = view.dup();
        AdamOptimizer viaView = new AdamOptimizer();
        AdamOptimizer viaPlain = new AdamOptimizer();
        for (int t = 0; t < 3; t++) {
            INDArray gradient = Nd4j.rand(type, 4, 3).subi(0.5).muli(t + 1);
            viaView.beginStep();
            viaPlain.beginStep();
            viaView.apply(W, view, gradient.dup(), 0.05);
            viaPlain.apply(W, plain, gradient.dup(), 0.05);
        }
        assertTrue(view.isView());
        assertEquals(type, view.dataType());
        assertTrue(plain.sub(start).amaxNumber().doubleValue() > 0.05, "three steps of lr 0.05 move every weight");
        assertEquals(0.0, plain.sub(view).amaxNumber().doubleValue(), 0.0, "steps differ: " + plain + " vs " + view);
        assertEquals(outside, whole.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 6)), "columns outside the view");
    }

    @Test
    void floatAndDoubleRunsOfTheSameProblemAgree() {
        java.util.Random random = new java.util.Random(3);
        float[][] start = new float[5][4];
        for (float[] row : start) {
            for (int j = 0; j < row.length; j++) {
                // away from 0, so that three steps of lr 0.05 leave every weight far from 0 and relative errors small
                row[j] = (float) ((random.nextBoolean() ? 1 : -1) * (0.5 + random.nextDouble()));
            }
        }
        INDArray pFloat = Nd4j.createFromArray(start);
        INDArray pDouble = pFloat.castTo(DataType.DOUBLE);
        AdamOptimizer inFloat = new AdamOptimizer();
        AdamOptimizer inDouble = new AdamOptimizer();
        for (int t = 0; t < 3; t++) {
            INDArray gradient = Nd4j.rand(DataType.FLOAT, 5, 4).subi(0.5).muli(t + 1);
            inFloat.beginStep();
            inDouble.beginStep();
            inFloat.apply(W, pFloat, gradient, 0.05);
            inDouble.apply(W, pDouble, gradient.castTo(DataType.DOUBLE), 0.05);
        }
        assertEquals(DataType.FLOAT, pFloat.dataType());
        assertEquals(DataType.DOUBLE, pDouble.dataType());
        assertTrue(pDouble.sub(Nd4j.createFromArray(start).castTo(DataType.DOUBLE)).amaxNumber().doubleValue() > 0.05,
                "three steps of lr 0.05 move the weights");
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                double expected = pDouble.getDouble(i, j);
                assertEquals(expected, pFloat.getFloat(i, j), 1e-5 * Math.abs(expected), "weight " + i + "," + j);
            }
        }
    }

    @Test
    void keepSlicesTheMomentsLikeTheParameter() {
        AdamOptimizer adam = new AdamOptimizer();
        INDArray w = Nd4j.create(DataType.DOUBLE, 2, 3);
        adam.beginStep();
        adam.apply(W, w, Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}), 0.1);
        adam.keep(W, a -> UnitSelection.columns(a, new long[] {0, 2}));
        INDArray m = adam.moments(W)[0];
        assertArrayEquals(new long[] {2, 2}, m.shape());
        assertEquals(0.1 * 3, m.getDouble(0, 1), 1e-12);
        assertEquals(0.1 * 4, m.getDouble(1, 0), 1e-12);
    }

    @Test
    void rejectsBadSettingsAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> new AdamOptimizer(1, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new AdamOptimizer(0.9, 0.999, 0));
        AdamOptimizer adam = new AdamOptimizer();
        assertThrows(IllegalStateException.class, () -> adam.apply(P, Nd4j.zeros(2), Nd4j.zeros(2), 0.1));
        adam.beginStep();
        assertThrows(IllegalArgumentException.class, () -> adam.apply(P, Nd4j.zeros(2), Nd4j.zeros(3), 0.1));
    }
}
