package org.parsimony.variational.elements;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NativeElements.Arena#readAsStored}: floats copied without conversion in row-major order from plain arrays,
 * views and column-major matrices, and stored back into them; doubles kept on the double path; {@link
 * NativeElements.Arena#blankAsStored}; reuse of {@link NativeElements.Arena#floatBuffer}; the old {@code read} of floats.
 */
class NativeElementsTest {

    /** A {@code rows x columns} float matrix in {@code order} whose element (r, c) is {@code 10 r + c + 0.25}. */
    private static INDArray numbered(int rows, int columns, char order) {
        float[][] values = new float[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                values[r][c] = 10 * r + c + 0.25f;
            }
        }
        return Nd4j.createFromArray(values).dup(order);
    }

    /** Asserts that {@code elements} holds {@code array}'s floats in row-major order. */
    private static void assertRowMajorFloats(INDArray array, NativeElements elements) {
        int columns = (int) array.columns();
        assertEquals(array.length(), elements.length());
        for (int r = 0; r < array.rows(); r++) {
            for (int c = 0; c < columns; c++) {
                assertEquals(array.getFloat(r, c), elements.floats()[r * columns + c], 0f, "element " + r + "," + c);
            }
        }
    }

    @Test
    void scratchElementsTakeTheTypesPrecisionAndCannotBeStored() {
        NativeElements.Arena arena = new NativeElements.Arena();
        NativeElements floats = arena.scratch(DataType.FLOAT, 5);
        NativeElements doubles = arena.scratch(DataType.DOUBLE, 5);
        assertTrue(floats.isFloat());
        assertTrue(floats.floats().length >= 5);
        assertEquals(5, floats.length());
        assertFalse(doubles.isFloat());
        assertTrue(doubles.values().length >= 5);
        assertThrows(IllegalStateException.class, floats::store);
        assertThrows(IllegalStateException.class, doubles::store);
        assertThrows(IllegalArgumentException.class, () -> arena.scratch(DataType.INT, 5));
    }

    @Test
    void readsAPlainFloatMatrixAsFloatsInRowMajorOrder() {
        INDArray array = numbered(3, 4, 'c');
        NativeElements elements = new NativeElements.Arena().readAsStored(array);
        assertTrue(elements.isFloat());
        assertRowMajorFloats(array, elements);
        assertThrows(IllegalStateException.class, elements::values);
    }

    @Test
    void readsAFloatViewInRowMajorOrderAndStoresBackIntoItOnly() {
        INDArray whole = numbered(4, 6, 'c');
        INDArray before = whole.dup();
        INDArray view = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4));
        assertFalse(NativeElements.isPlain(view));
        NativeElements elements = new NativeElements.Arena().readAsStored(view);
        assertTrue(elements.isFloat());
        assertRowMajorFloats(view, elements);

        float[] f = elements.floats();
        for (int i = 0; i < elements.length(); i++) {
            f[i] = -1.5f * i - 0.125f;
        }
        assertSame(view, elements.store());
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 6; c++) {
                float expected = c >= 1 && c < 4 ? -1.5f * (r * 3 + c - 1) - 0.125f : before.getFloat(r, c);
                assertEquals(expected, whole.getFloat(r, c), 0f, "element " + r + "," + c);
            }
        }
    }

    @Test
    void readsAColumnMajorFloatMatrixInRowMajorOrderAndStoresBackIntoIt() {
        INDArray array = numbered(3, 4, 'f');
        assertEquals('f', array.ordering());
        assertTrue(NativeElements.isPlain(array));
        NativeElements elements = new NativeElements.Arena().readAsStored(array);
        assertTrue(elements.isFloat());
        assertRowMajorFloats(array, elements);

        float[] f = elements.floats();
        for (int i = 0; i < elements.length(); i++) {
            f[i] = 2.5f * i + 0.5f;
        }
        assertSame(array, elements.store());
        assertEquals('f', array.ordering());
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(2.5f * (r * 4 + c) + 0.5f, array.getFloat(r, c), 0f, "element " + r + "," + c);
            }
        }
    }

    @Test
    void readsADoubleArrayAsStoredAsDoubles() {
        INDArray array = Nd4j.createFromArray(new double[][] {{1.1, -2.2, 3.3}, {4.4, 5.5, -6.6}});
        NativeElements elements = new NativeElements.Arena().readAsStored(array);
        assertFalse(elements.isFloat());
        assertThrows(IllegalStateException.class, elements::floats);
        for (int i = 0; i < 6; i++) {
            assertEquals(array.getDouble(i / 3, i % 3), elements.values()[i], 0.0);
        }
    }

    @Test
    void blankAsStoredThenStoreOverwritesAFloatArray() {
        INDArray array = Nd4j.rand(DataType.FLOAT, 2, 5);
        NativeElements elements = new NativeElements.Arena().blankAsStored(array);
        assertTrue(elements.isFloat());
        assertEquals(10, elements.length());
        for (int i = 0; i < 10; i++) {
            elements.floats()[i] = i * 0.5f - 2;
        }
        elements.store();
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 0.5f - 2, array.getFloat(i / 5, i % 5), 0f);
        }
    }

    @Test
    void blankAsStoredOfADoubleArrayHoldsDoublesThatStoreOverwritesIt() {
        INDArray array = Nd4j.rand(DataType.DOUBLE, 3, 2);
        NativeElements elements = new NativeElements.Arena().blankAsStored(array);
        assertFalse(elements.isFloat());
        for (int i = 0; i < 6; i++) {
            elements.values()[i] = i - 0.1;
        }
        elements.store();
        for (int i = 0; i < 6; i++) {
            assertEquals(i - 0.1, array.getDouble(i / 2, i % 2), 0.0);
        }
    }

    @Test
    void floatBuffersAreHandedOutAgainAfterReset() {
        NativeElements.Arena arena = new NativeElements.Arena();
        float[] first = arena.floatBuffer(5);
        float[] second = arena.floatBuffer(8);
        assertNotSame(first, second);
        assertTrue(first.length >= 5 && second.length >= 8);
        arena.reset();
        assertSame(first, arena.floatBuffer(5));
        assertSame(second, arena.floatBuffer(8));
    }

    @Test
    void aLargerFloatBufferRequestGetsABiggerArray() {
        NativeElements.Arena arena = new NativeElements.Arena();
        float[] small = arena.floatBuffer(4);
        arena.reset();
        float[] large = arena.floatBuffer(40);
        assertNotSame(small, large);
        assertTrue(large.length >= 40, "length " + large.length);
    }

    @Test
    void readAsStoredReusesItsFloatBuffersAfterReset() {
        NativeElements.Arena arena = new NativeElements.Arena();
        INDArray a = numbered(3, 4, 'c');
        INDArray b = numbered(2, 2, 'c');
        float[] first = arena.readAsStored(a).floats();
        float[] second = arena.readAsStored(b).floats();
        arena.reset();
        assertSame(first, arena.readAsStored(a).floats());
        NativeElements again = arena.readAsStored(b);
        assertSame(second, again.floats());
        assertRowMajorFloats(b, again);
    }

    @Test
    void readOfAFloatArrayStillGivesDoubles() {
        INDArray array = numbered(3, 4, 'c');
        NativeElements elements = new NativeElements.Arena().read(array);
        assertFalse(elements.isFloat());
        assertThrows(IllegalStateException.class, elements::floats);
        for (int i = 0; i < 12; i++) {
            assertEquals((double) array.getFloat(i / 4, i % 4), elements.values()[i], 0.0);
        }
    }
}
