package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.elements.NativeElements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link UnitSelection} copies the right elements into arrays that own their buffers, as checkpoint-loaded parameters
 * do: a view takes another route through the matrix product, so a run resumed after a removal would drift.
 */
class UnitSelectionTest {
    private static INDArray counting(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return Nd4j.create(values, shape, 'c');
    }

    @Test
    void columnsAndRowsArePlainCopiesOfTheKeptElements() {
        INDArray m = counting(4, 6); // m[i][j] = 6 i + j
        for (long[] kept : new long[][] {{1, 4, 5}, {3}}) {
            INDArray columns = UnitSelection.columns(m, kept);
            INDArray rows = UnitSelection.rows(m, new long[] {kept[0]});
            assertTrue(NativeElements.isPlain(columns), columns.shapeInfoToString());
            assertTrue(NativeElements.isPlain(rows), rows.shapeInfoToString());
            assertArrayEquals(new long[] {4, kept.length}, columns.shape());
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < kept.length; j++) {
                    assertEquals(6 * i + kept[j], columns.getDouble(i, j), 0);
                }
            }
            for (int j = 0; j < 6; j++) {
                assertEquals(6 * kept[0] + j, rows.getDouble(0, j), 0);
            }
        }
        INDArray rowVector = UnitSelection.columns(counting(1, 6), new long[] {0, 2});
        assertTrue(NativeElements.isPlain(rowVector), rowVector.shapeInfoToString());
        assertArrayEquals(new float[] {0, 2}, rowVector.toFloatVector());
    }

    @Test
    void kernelChannelsArePlainCopiesOfTheKeptElements() {
        INDArray kernel = counting(2, 2, 3, 4); // [kH, kW, C_in, C_out]
        INDArray units = UnitSelection.units(kernel, new long[] {1, 3});
        INDArray inputs = UnitSelection.inputs(kernel, new long[] {2});
        assertArrayEquals(new long[] {2, 2, 3, 2}, units.shape());
        assertArrayEquals(new long[] {2, 2, 1, 4}, inputs.shape());
        for (INDArray a : new INDArray[] {units, inputs}) {
            assertTrue(NativeElements.isPlain(a), a.shapeInfoToString());
        }
        assertEquals(kernel.getDouble(1, 0, 2, 3), units.getDouble(1, 0, 2, 1), 0);
        assertEquals(kernel.getDouble(0, 1, 2, 1), inputs.getDouble(0, 1, 0, 1), 0);
    }
}
