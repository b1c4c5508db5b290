package org.parsimony.variational.elements;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FloatExponential} against {@link Math#exp} in {@code double}, over the whole {@code float} range. */
class FloatExponentialTest {

    /** Every 997th float between -104 and 89 (about 2.3 million inputs, all binades, both signs). */
    @Test
    void isWithinOneUlpOfTheExactValueEverywhere() {
        float[] x = sweep(-104f, 89f, 997);
        float[] out = exp(x);
        int correctlyRounded = 0;
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double exact = Math.exp(x[i]);
            float rounded = (float) exact;
            if (Float.isInfinite(rounded) || rounded == 0) {
                assertEquals(rounded, out[i], "exp(" + x[i] + ")");
                continue;
            }
            double ulps = Math.abs(out[i] - exact) / Math.ulp(rounded);
            worst = Math.max(worst, ulps);
            assertTrue(ulps < 1, "exp(" + x[i] + ") = " + out[i] + ", exact " + exact + ": " + ulps + " ulp");
            if (out[i] == rounded) {
                correctlyRounded++;
            }
        }
        // a kernel with a wrong coefficient or a lost bit of the reduction fails here long before it reaches 1 ulp
        assertTrue(correctlyRounded > 0.85 * x.length, correctlyRounded + " of " + x.length + " correctly rounded");
        assertTrue(worst > 0.5, "some results are not correctly rounded, as documented: worst " + worst);
    }

    @Test
    void handlesSpecialValuesAndTheEdgesOfTheFastPathAsExpDoes() {
        float[] x = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -87.0f, -86.99f,
                -87.01f, 87.68f, 87.69f, 88.72f, 88.73f, 89f, -103.9f, -104f, -120f, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.MIN_VALUE, 1e-30f};
        float[] out = exp(x);
        assertEquals(1f, out[0]);
        assertEquals(1f, out[1]);
        assertTrue(Float.isNaN(out[4]));
        assertEquals(Float.POSITIVE_INFINITY, out[5]);
        assertEquals(0f, out[6]);
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i])) {
                continue;
            }
            float rounded = (float) Math.exp(x[i]);
            float tolerance = Math.ulp(rounded);
            assertEquals(rounded, out[i], tolerance, "exp(" + x[i] + ")");
        }
        assertEquals(Float.POSITIVE_INFINITY, out[14]);
        assertEquals(0f, out[17]);
        assertEquals(Float.POSITIVE_INFINITY, out[18]);
        assertEquals(0f, out[19]);
    }

    @Test
    void rejectsShortOrSharedArrays() {
        float[] x = new float[4];
        assertThrows(IllegalArgumentException.class, () -> FloatExponential.exp(x, new float[3], new float[4], 4));
        assertThrows(IllegalArgumentException.class, () -> FloatExponential.exp(x, new float[4], new float[2], 4));
        assertThrows(IllegalArgumentException.class, () -> FloatExponential.exp(x, new float[4], x, 4));
        float[] out = new float[4];
        assertThrows(IllegalArgumentException.class, () -> FloatExponential.exp(x, out, out, 4));
        assertThrows(IllegalArgumentException.class, () -> FloatExponential.exp(x, x, out, 4));
    }

    @Test
    void leavesElementsPastNAlone() {
        float[] x = {1f, 2f, 3f};
        float[] out = {-1f, -1f, -1f};
        FloatExponential.exp(x, out, new float[3], 2);
        assertEquals(-1f, out[2]);
        assertEquals((float) Math.exp(2), out[1], Math.ulp((float) Math.exp(2)));
    }

    private static float[] exp(float[] x) {
        float[] out = new float[x.length];
        FloatExponential.exp(x, out, new float[x.length], x.length);
        return out;
    }

    /** Every {@code stride}-th float in {@code [from, to]}, walking the bit patterns (so every binade is sampled). */
    private static float[] sweep(float from, float to, int stride) {
        java.util.List<Float> values = new java.util.ArrayList<>();
        for (float v = from; v < 0; v = Float.intBitsToFloat(Float.floatToRawIntBits(v) - stride)) {
            values.add(v);
        }
        for (float v = 0; v <= to; v = Float.intBitsToFloat(Float.floatToRawIntBits(v) + stride)) {
            values.add(v);
        }
        float[] x = new float[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = values.get(i);
        }
        return x;
    }
}
