package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Copies of the rows (inputs) or columns (units) of a matrix at given indices: the one slicing operation
 * behind removing units from parameters, optimizer moments and gate histories alike. The result is always a
 * matrix, also for a single kept index (ND4J's index views would drop that dimension). For convolution kernels
 * {@code [kH, kW, C_in, C_out]} (YXIO) the units are the output channels (last axis) and the inputs the input
 * channels (axis 2).
 */
public final class UnitSelection {
    private UnitSelection() {
    }

    /** Columns {@code kept} of a {@code [r, c]} matrix, as a new {@code [r, kept.length]} matrix. */
    public static INDArray columns(INDArray matrix, long[] kept) {
        return standalone(matrix.getColumns(toInts(kept)), matrix.size(0), kept.length);
    }

    /** Rows {@code kept} of a {@code [r, c]} matrix, as a new {@code [kept.length, c]} matrix. */
    public static INDArray rows(INDArray matrix, long[] kept) {
        return standalone(matrix.getRows(toInts(kept)), kept.length, matrix.size(1));
    }

    /** Units {@code kept} of a parameter or its moments: columns of a matrix, output channels (last axis) of a kernel. */
    public static INDArray units(INDArray parameter, long[] kept) {
        return parameter.rank() == 2 ? columns(parameter, kept) : along(parameter, parameter.rank() - 1, kept);
    }

    /** Inputs {@code kept} of a weight array or its moments: rows of a matrix, input channels (axis 2) of a kernel. */
    public static INDArray inputs(INDArray weights, long[] kept) {
        return weights.rank() == 2 ? rows(weights, kept) : along(weights, 2, kept);
    }

    /** Indices {@code kept} along {@code axis}, as a new array of the same rank. */
    static INDArray along(INDArray array, int axis, long[] kept) {
        INDArrayIndex[] index = new INDArrayIndex[array.rank()];
        for (int d = 0; d < index.length; d++) {
            index[d] = d == axis ? NDArrayIndex.indices(kept) : NDArrayIndex.all();
        }
        long[] shape = array.shape().clone();
        shape[axis] = kept.length;
        return standalone(array.get(index), shape);
    }

    /**
     * The elements of {@code selected} in a new row-major array of {@code shape} that owns its buffer (not a view), as a
     * freshly initialised or checkpoint-loaded parameter is: reshaping a copy would leave a view, which the objective
     * multiplies by another route than a plain array, so a run resumed after a removal drifted from the uninterrupted one
     * in the last bits.
     */
    private static INDArray standalone(INDArray selected, long... shape) {
        INDArray copy = Nd4j.createUninitialized(selected.dataType(), shape);
        copy.assign(selected.dup('c').reshape(shape));
        return copy;
    }

    private static int[] toInts(long[] indices) {
        int[] ints = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            ints[i] = Math.toIntExact(indices[i]);
        }
        return ints;
    }
}
