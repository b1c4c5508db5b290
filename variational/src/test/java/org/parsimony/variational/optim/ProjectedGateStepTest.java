package org.parsimony.variational.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ProjectedGateStep}: a gradient step projected onto [0, 1], in place, for plain arrays and views. */
class ProjectedGateStepTest {

    @Test
    void stepsInsideTheIntervalAndClipsAtItsEnds() {
        INDArray theta = Nd4j.createFromArray(0.5f, 0.05f, 0.97f, 0.0f, 1.0f, 0.3f).reshape(1, 6);
        INDArray g = Nd4j.createFromArray(0.1f, 0.2f, -0.5f, 0.3f, -0.1f, -0.05f).reshape(1, 6);
        new ProjectedGateStep().apply(theta, g, 0.5);
        // 0.5 - 0.05; 0.05 - 0.1 -> 0; 0.97 + 0.25 -> 1; closed gate pushed further down stays 0;
        // open gate pushed up stays 1; 0.3 + 0.025
        assertArrayEquals(new float[] {0.45f, 0f, 1f, 0f, 1f, 0.325f}, theta.toFloatVector(), 1e-7f);
        assertEquals(DataType.FLOAT, theta.dataType());
    }

    @Test
    void projectionClipsOntoTheUnitIntervalAndLeavesInsideValues() {
        INDArray theta = Nd4j.createFromArray(-0.2f, 0.4f, 1.3f, 0f, 1f).reshape(1, 5);
        new ProjectedGateStep().project(theta);
        assertArrayEquals(new float[] {0f, 0.4f, 1f, 0f, 1f}, theta.toFloatVector(), 0f);
    }

    @Test
    void aClosedGateReopensOnlyUnderANegativeGradient() {
        INDArray theta = Nd4j.createFromArray(0.0, 0.0).reshape(1, 2);
        new ProjectedGateStep().apply(theta, Nd4j.createFromArray(-0.2, 0.2).reshape(1, 2), 1.0);
        assertArrayEquals(new double[] {0.2, 0.0}, theta.toDoubleVector(), 1e-15);
    }

    @Test
    void updatesAViewInPlace() {
        INDArray whole = Nd4j.createFromArray(new float[][] {{0.5f, 0.5f, 0.5f}, {0.2f, 0.4f, 0.6f}});
        INDArray view = whole.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all());
        assertTrue(view.isView());
        new ProjectedGateStep().apply(view, Nd4j.createFromArray(new float[][] {{1f, 1f, -1f}}), 0.3);
        assertArrayEquals(new float[] {0f, 0.1f, 0.9f}, whole.getRow(1).toFloatVector(), 1e-7f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, whole.getRow(0).toFloatVector());
    }

    @Test
    void keepsNaNVisibleAndRefusesBadArguments() {
        INDArray theta = Nd4j.createFromArray(0.5f, 0.5f).reshape(1, 2);
        new ProjectedGateStep().apply(theta, Nd4j.createFromArray(Float.NaN, 0f).reshape(1, 2), 1.0);
        assertTrue(Float.isNaN(theta.getFloat(0)));
        ProjectedGateStep step = new ProjectedGateStep();
        assertThrows(IllegalArgumentException.class,
                () -> step.apply(theta, Nd4j.zeros(DataType.FLOAT, 1, 3), 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> step.apply(theta, Nd4j.zeros(DataType.FLOAT, 1, 2), -1.0));
        assertThrows(IllegalArgumentException.class,
                () -> step.apply(theta, Nd4j.zeros(DataType.FLOAT, 1, 2), Double.NaN));
    }
}
