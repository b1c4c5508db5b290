package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.elements.NativeArrayPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NoiseSource}: reproducible per (seed, epoch, step), distinct across steps, and the right distributions. */
class NoiseSourceTest {

    @Test
    void theSameStepGivesTheSameDrawsAndAnotherStepOrSeedOthers() {
        float[] a = new NoiseSource(7).forStep(2, 5).gaussian(16, 9).ravel().toFloatVector();
        assertArrayEquals(a, new NoiseSource(7).forStep(2, 5).gaussian(16, 9).ravel().toFloatVector());
        assertNotEquals(a[0], new NoiseSource(7).forStep(2, 6).gaussian(16, 9).ravel().toFloatVector()[0]);
        assertNotEquals(a[0], new NoiseSource(7).forStep(3, 5).gaussian(16, 9).ravel().toFloatVector()[0]);
        assertNotEquals(a[0], new NoiseSource(8).forStep(2, 5).gaussian(16, 9).ravel().toFloatVector()[0]);
    }

    @Test
    void gaussianDrawsHaveMeanZeroVarianceOneAndNormalTails() {
        INDArray draws = new NoiseSource(1).forStep(0, 0).gaussian(new long[] {100, 20, 5, 10});
        assertArrayEquals(new long[] {100, 20, 5, 10}, draws.shape());
        assertEquals(DataType.FLOAT, draws.dataType());
        float[] x = draws.ravel().toFloatVector();
        double sum = 0;
        double squares = 0;
        int beyondTwo = 0;
        for (float v : x) {
            sum += v;
            squares += v * v;
            beyondTwo += Math.abs(v) > 2 ? 1 : 0;
        }
        int n = x.length;
        // standard errors: mean 1/sqrt(n) = 0.0032, variance sqrt(2/n) = 0.0045, tail share 0.0007
        assertEquals(0, sum / n, 0.015);
        assertEquals(1, squares / n - (sum / n) * (sum / n), 0.02);
        assertEquals(0.0455, (double) beyondTwo / n, 0.004);
    }

    @Test
    void uniformDrawsStayInsideTheMarginAndAreFlat() {
        float[] u = new NoiseSource(3).forStep(1, 1).uniform(400, 250).ravel().toFloatVector();
        int[] deciles = new int[10];
        for (float v : u) {
            assertTrue(v >= NoiseSource.UNIFORM_MARGIN && v < 1 - NoiseSource.UNIFORM_MARGIN / 2, "draw " + v);
            deciles[(int) (v * 10)]++;
        }
        for (int count : deciles) {
            // each decile expects 10,000 of 100,000 draws (standard deviation 95)
            assertEquals(10_000, count, 500);
        }
    }

    @Test
    void refusesANegativeDimension() {
        assertThrows(IllegalArgumentException.class, () -> NoiseSource.StepNoise.seeded(1).gaussian(-1, 3));
    }

    @Test
    void drawsIntoPooledArraysAreTheSameDraws() {
        NoiseSource noise = new NoiseSource(7);
        NativeArrayPool pool = new NativeArrayPool();
        NoiseSource.StepNoise fresh = noise.forStep(2, 5);
        NoiseSource.StepNoise pooled = noise.forStep(2, 5, pool);
        assertEquals(fresh.gaussian(4, 3), pooled.gaussian(4, 3));
        assertEquals(fresh.uniform(2, 6), pooled.uniform(2, 6));
        assertEquals(2, pool.size());
        pool.close();
    }
}
