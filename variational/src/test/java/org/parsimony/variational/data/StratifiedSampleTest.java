package org.parsimony.variational.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StratifiedSampleTest {

    private static LabeledData unbalanced() {
        // 3 classes in shares 50 / 30 / 20 %, 1,000 examples; feature = index, so the draw can be traced
        int n = 1000;
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2;
        }
        return new LabeledData(x, y, 1, 3);
    }

    @Test
    void keepsTheClassSharesAndTheSize() {
        LabeledData sample = StratifiedSample.of(unbalanced(), 101, 7);
        assertEquals(101, sample.size());
        int[] counts = new int[3];
        for (int i = 0; i < sample.size(); i++) {
            counts[sample.label(i)]++;
        }
        // exact shares 50.5 / 30.3 / 20.2: floors 50 / 30 / 20, the one left over goes to the largest remainder
        assertArrayEquals(new int[] {51, 30, 20}, counts);
    }

    @Test
    void theSameSeedDrawsTheSameExamplesAndAnotherSeedOthers() {
        LabeledData a = StratifiedSample.of(unbalanced(), 50, 7);
        LabeledData b = StratifiedSample.of(unbalanced(), 50, 7);
        LabeledData c = StratifiedSample.of(unbalanced(), 50, 8);
        float[] fa = new float[1];
        float[] fb = new float[1];
        float[] fc = new float[1];
        int same = 0;
        for (int i = 0; i < 50; i++) {
            a.copyFeatures(i, fa, 0);
            b.copyFeatures(i, fb, 0);
            c.copyFeatures(i, fc, 0);
            assertEquals(fa[0], fb[0]);
            same += fa[0] == fc[0] ? 1 : 0;
        }
        assertEquals(true, same < 10, "another seed draws other examples");
        assertThrows(IllegalArgumentException.class, () -> StratifiedSample.of(unbalanced(), 1001, 1));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSample.of(unbalanced(), 0, 1));
    }
}
