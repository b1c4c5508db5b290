package org.parsimony.variational.elements;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * {@code C = alpha op(A) op(B) + beta C} for matrices of one type, {@code float} or {@code double}: small products
 * with the BLAS {@code gemm} of OpenBLAS (which ND4J loads) straight on the arrays' native buffers, the others (and
 * types other than {@code float} and {@code double}) through {@code Nd4j.gemm}. A view is first copied to a plain
 * row-major array, so that the route, and with it the rounding, depends on the operands' values and shapes only.
 *
 * <p>Why: {@code Nd4j.gemm} costs 20-65 microseconds per call in ND4J 1.0.0-M2.1 whatever the size (shape checks, an
 * op object, buffers of shape information), the BLAS call itself 3 microseconds for a {@code [128 x 30] [30 x 10]}
 * product (measured on one thread). A training step of a variational MLP makes 16 products, most of them small once
 * units are removed. Large products stay with ND4J: its oneDNN build multiplies a {@code [128 x 784]} input by 30-150
 * columns 10-35 % faster than OpenBLAS (77 vs 120 us at 30 columns, 321 vs 380 us at 150), which outweighs the call
 * overhead from about {@value #DIRECT_LIMIT} multiply-adds on (at {@code [128 x 300] [300 x 100]}, 3.8 M, the two
 * take the same time; at {@code [128 x 150] [150 x 50]} OpenBLAS directly takes 29 us, ND4J 38 us).
 */
public final class MatrixProduct {
    /** Products of at most this many multiply-adds ({@code m n k}) go to OpenBLAS directly. */
    static final long DIRECT_LIMIT = 2_000_000;

    private MatrixProduct() {
    }

    /**
     * Computes {@code c = alpha op(a) op(b) + beta c} in place and returns {@code c}; {@code op(x)} is {@code x^T} when
     * the flag is set.
     *
     * @throws IllegalArgumentException if the arrays are not matrices of compatible shapes and one data type
     */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                                double alpha, double beta) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            throw new IllegalArgumentException("gemm needs matrices, got ranks " + a.rank() + ", " + b.rank() + ", "
                    + c.rank());
        }
        long m = transposeA ? a.columns() : a.rows();
        long k = transposeA ? a.rows() : a.columns();
        long kB = transposeB ? b.columns() : b.rows();
        long n = transposeB ? b.rows() : b.columns();
        if (k != kB || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("gemm shapes do not match: op(a) " + m + "x" + k + ", op(b) " + kB + "x"
                    + n + ", c " + c.rows() + "x" + c.columns());
        }
        DataType type = c.dataType();
        if (a.dataType() != type || b.dataType() != type) {
            throw new IllegalArgumentException("gemm needs one data type, got " + a.dataType() + ", " + b.dataType()
                    + ", " + type);
        }
        boolean blasType = type == DataType.FLOAT || type == DataType.DOUBLE;
        // a view is multiplied as a plain copy of itself, so that the route below (and with it the rounding) depends on
        // the operands' values and shapes only: parameters that unit removal once left as views took another route than
        // the same parameters read from a checkpoint, and a resumed run drifted
        INDArray plainA = blasType && stored(a) == 0 ? a.dup('c') : a;
        INDArray plainB = blasType && stored(b) == 0 ? b.dup('c') : b;
        INDArray plainC = blasType && stored(c) != 'c' ? c.dup('c') : c;
        boolean direct = blasType && stored(plainA) != 0 && stored(plainB) != 0 && stored(plainC) == 'c' && m > 0
                && n > 0 && k > 0 && m * n * k <= DIRECT_LIMIT;
        if (direct) {
            blas(plainA, plainB, plainC, transposeA, transposeB, alpha, beta, (int) m, (int) n, (int) k);
        } else {
            Nd4j.gemm(plainA, plainB, plainC, transposeA, transposeB, alpha, beta);
        }
        if (plainC != c) {
            c.assign(plainC);
            plainC.close();
        }
        if (plainA != a) {
            plainA.close();
        }
        if (plainB != b) {
            plainB.close();
        }
        return c;
    }

    private static void blas(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
                             double beta, int m, int n, int k) {
        // a column-major matrix is the row-major buffer of its transpose
        boolean flipA = stored(a) == 'f';
        boolean flipB = stored(b) == 'f';
        int opA = transposeA != flipA ? CblasTrans : CblasNoTrans;
        int opB = transposeB != flipB ? CblasTrans : CblasNoTrans;
        int lda = (int) (flipA ? a.rows() : a.columns());
        int ldb = (int) (flipB ? b.rows() : b.columns());
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, (float) alpha,
                    new FloatPointer(a.data().addressPointer()), lda, new FloatPointer(b.data().addressPointer()), ldb,
                    (float) beta, new FloatPointer(c.data().addressPointer()), n);
        } else {
            cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, alpha,
                    new DoublePointer(a.data().addressPointer()), lda, new DoublePointer(b.data().addressPointer()), ldb,
                    beta, new DoublePointer(c.data().addressPointer()), n);
        }
    }

    /**
     * The layout in which a matrix's whole buffer holds exactly its elements from offset 0: {@code 'c'} (row-major),
     * {@code 'f'} (column-major), or 0 when it does not (a view, a shared buffer) or is too large for BLAS's ints.
     */
    private static char stored(INDArray x) {
        if (!NativeElements.isPlain(x) || x.length() >= Integer.MAX_VALUE) {
            return 0;
        }
        if (x.rows() <= 1 || x.columns() <= 1) {
            return 'c'; // a row or column vector is the same buffer in either order
        }
        return x.ordering();
    }
}
