package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.data.LabeledData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Per-channel standardisation: each plane by its own mean and deviation, fitted on the training rows. */
class ChannelStandardizationTest {
    private static final ImageShape IMAGE = new ImageShape(2, 1, 2);

    @Test
    void eachChannelGetsItsOwnMeanAndDeviation() {
        // channel 0 values 0, 2, 4, 6 (mean 3, std sqrt 5); channel 1 values 10, 10, 30, 30 (mean 20, std 10)
        LabeledData train = new LabeledData(new float[] {0, 2, 10, 10, 4, 6, 30, 30}, new int[] {0, 1}, 4, 2);
        ChannelStandardization s = ChannelStandardization.fit(train, IMAGE);
        assertArrayEquals(new double[] {3, 20}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(5), 10}, s.std(), 1e-12);
        LabeledData mapped = s.apply(new LabeledData(new float[] {3, 3 + (float) Math.sqrt(5), 20, 0}, new int[] {1}, 4, 2));
        float[] row = new float[4];
        mapped.copyFeatures(0, row, 0);
        assertArrayEquals(new float[] {0, 1, 0, -2}, row, 1e-6f);
        assertEquals(1, mapped.label(0));
    }

    @Test
    void aConstantChannelOrAnotherShapeIsRefused() {
        LabeledData flat = new LabeledData(new float[] {1, 2, 5, 5, 3, 4, 5, 5}, new int[] {0, 1}, 4, 2);
        assertEquals("every training pixel of channel 1 equals 5.0; inputs cannot be standardised",
                assertThrows(IllegalArgumentException.class, () -> ChannelStandardization.fit(flat, IMAGE)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChannelStandardization.fit(flat, new ImageShape(1, 3, 1)));
    }
}
