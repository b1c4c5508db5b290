package org.parsimony.variational.elements;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NativeArrayPool}: reuse by type and shape, refusal of foreign arrays, close frees everything. */
class NativeArrayPoolTest {

    @Test
    void reusesAReturnedArrayOfTheSameTypeAndShapeOnly() {
        NativeArrayPool pool = new NativeArrayPool();
        INDArray a = pool.take(DataType.FLOAT, 3, 4);
        assertArrayEquals(new long[] {3, 4}, a.shape());
        assertEquals('c', a.ordering());
        INDArray b = pool.take(DataType.FLOAT, 3, 4);
        assertNotSame(a, b, "an array handed out is not handed out twice");
        pool.giveBack(a);
        assertNotSame(a, pool.take(DataType.FLOAT, 4, 3));
        assertNotSame(a, pool.take(DataType.DOUBLE, 3, 4));
        assertSame(a, pool.take(DataType.FLOAT, 3, 4));
        assertEquals(4, pool.size());
        pool.close();
        assertTrue(a.wasClosed());
        assertTrue(b.wasClosed());
        assertEquals(0, pool.size());
    }

    @Test
    void refusesAnArrayItDidNotHandOut() {
        NativeArrayPool pool = new NativeArrayPool();
        assertThrows(IllegalArgumentException.class, () -> pool.giveBack(Nd4j.zeros(DataType.FLOAT, 3, 4)));
    }
}
