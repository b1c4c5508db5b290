package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Copies of the rows (inputs) or columns (units) of a matrix at given indices: the one slicing operation
 * behind removing units from parameters, optimizer moments and gate histories alike.
 */
public final class UnitSelection {
    private UnitSelection() {
    }

    /** Columns {@code kept} of a {@code [r, c]} matrix, as a new {@code [r, kept.length]} matrix. */
    public static INDArray columns(INDArray matrix, long[] kept) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.indices(kept)).dup();
    }

    /** Rows {@code kept} of a {@code [r, c]} matrix, as a new {@code [kept.length, c]} matrix. */
    public static INDArray rows(INDArray matrix, long[] kept) {
        return matrix.get(NDArrayIndex.indices(kept), NDArrayIndex.all()).dup();
    }
}
