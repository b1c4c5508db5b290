package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies of the rows (inputs) or columns (units) of a matrix at given indices: the one slicing operation
 * behind removing units from parameters, optimizer moments and gate histories alike. The result is always a
 * matrix, also for a single kept index (ND4J's index views would drop that dimension).
 */
public final class UnitSelection {
    private UnitSelection() {
    }

    /** Columns {@code kept} of a {@code [r, c]} matrix, as a new {@code [r, kept.length]} matrix. */
    public static INDArray columns(INDArray matrix, long[] kept) {
        return matrix.getColumns(toInts(kept)).dup().reshape(matrix.size(0), kept.length);
    }

    /** Rows {@code kept} of a {@code [r, c]} matrix, as a new {@code [kept.length, c]} matrix. */
    public static INDArray rows(INDArray matrix, long[] kept) {
        return matrix.getRows(toInts(kept)).dup().reshape(kept.length, matrix.size(1));
    }

    private static int[] toInts(long[] indices) {
        int[] ints = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            ints[i] = Math.toIntExact(indices[i]);
        }
        return ints;
    }
}
