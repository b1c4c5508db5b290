package org.parsimony.variational.elements;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Row-major native arrays kept for reuse, by data type and shape: a training step asks for the same shapes every time,
 * so after the first step it allocates nothing. Why: creating (and later closing) an ND4J array costs some 7-8
 * microseconds in 1.0.0-M2.1 whatever its size, and the MLP objective needs about 40 per step, a fifth of a step of a
 * net pruned to 30-10 units. Not thread-safe; {@link #close} frees every array it holds.
 */
public final class NativeArrayPool implements AutoCloseable {
    private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
    private final java.util.Set<INDArray> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** An array of {@code type} and {@code shape} with unspecified values: a returned one, or a new one. */
    public INDArray take(DataType type, long... shape) {
        ArrayDeque<INDArray> arrays = free.get(key(type, shape));
        if (arrays != null && !arrays.isEmpty()) {
            return arrays.pop();
        }
        INDArray array = Nd4j.createUninitialized(type, shape);
        all.add(array);
        return array;
    }

    /**
     * Makes an array from {@link #take} available again; the caller must no longer use it.
     *
     * @throws IllegalArgumentException for an array this pool did not hand out
     */
    public void giveBack(INDArray array) {
        if (!all.contains(array)) {
            throw new IllegalArgumentException("not an array of this pool: " + array.shapeInfoToString());
        }
        free.computeIfAbsent(key(array.dataType(), array.shape()), k -> new ArrayDeque<>()).push(array);
    }

    /** Number of arrays this pool has created and holds. */
    public int size() {
        return all.size();
    }

    /** Frees every array this pool created, handed out or not. */
    @Override
    public void close() {
        all.forEach(INDArray::close);
        all.clear();
        free.clear();
    }

    private static String key(DataType type, long[] shape) {
        return type + java.util.Arrays.toString(shape);
    }
}
