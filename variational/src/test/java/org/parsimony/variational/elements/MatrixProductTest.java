package org.parsimony.variational.elements;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MatrixProduct} against a product computed element by element in double, for every layout it takes. */
class MatrixProductTest {

    @ParameterizedTest
    @CsvSource({
            "FLOAT, false, false, c, c", "FLOAT, true, false, c, c", "FLOAT, false, true, c, c", "FLOAT, true, true, c, c",
            "FLOAT, false, false, f, c", "FLOAT, true, false, c, f", "FLOAT, true, true, f, f",
            "DOUBLE, false, false, c, c", "DOUBLE, true, false, c, c", "DOUBLE, false, true, f, c"})
    void matchesTheDefinitionForEveryTransposeAndLayout(DataType type, boolean transposeA, boolean transposeB,
                                                        char orderA, char orderB) {
        int m = 7;
        int k = 5;
        int n = 4;
        INDArray a = random(type, transposeA ? k : m, transposeA ? m : k, orderA, 1);
        INDArray b = random(type, transposeB ? n : k, transposeB ? k : n, orderB, 2);
        INDArray c = random(type, m, n, 'c', 3);
        INDArray start = c.dup();
        assertSame(c, MatrixProduct.gemm(a, b, c, transposeA, transposeB, 0.5, 2.0));
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double x = transposeA ? a.getDouble(p, i) : a.getDouble(i, p);
                    double y = transposeB ? b.getDouble(j, p) : b.getDouble(p, j);
                    sum += x * y;
                }
                assertEquals(0.5 * sum + 2.0 * start.getDouble(i, j), c.getDouble(i, j), tolerance, i + "," + j);
            }
        }
    }

    @Test
    void givesNd4jsNumbersForSmallAndLargeProducts() {
        // [128 x 30] [30 x 10] goes to OpenBLAS directly, [128 x 784] [784 x 30] through Nd4j.gemm
        for (int[] s : new int[][] {{128, 30, 10}, {128, 784, 30}}) {
            INDArray a = random(DataType.FLOAT, s[0], s[1], 'c', 4);
            INDArray b = random(DataType.FLOAT, s[1], s[2], 'c', 5);
            INDArray ours = MatrixProduct.gemm(a, b, Nd4j.create(DataType.FLOAT, s[0], s[2]), false, false, 1, 0);
            INDArray theirs = Nd4j.gemm(a, b, Nd4j.create(DataType.FLOAT, s[0], s[2]), false, false, 1, 0);
            assertTrue(ours.equalsWithEps(theirs, 1e-4), java.util.Arrays.toString(s));
        }
        assertTrue(128L * 30 * 10 <= MatrixProduct.DIRECT_LIMIT && 128L * 784 * 30 > MatrixProduct.DIRECT_LIMIT);
    }

    @Test
    void aViewIsMultipliedExactlyAsItsPlainCopy() {
        // [128 x 784] [784 x 5]: the direct route, whose sums (unlike those of Nd4j.gemm) a view used to miss
        INDArray input = random(DataType.FLOAT, 128, 784, 'c', 6);
        INDArray whole = random(DataType.FLOAT, 784, 9, 'c', 7);
        INDArray view = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 7));
        INDArray reshaped = view.dup('c').reshape(784, 5); // plain values, flagged a view (as unit removal left them)
        INDArray expected = MatrixProduct.gemm(input, view.dup('c'), Nd4j.create(DataType.FLOAT, 128, 5), false, false,
                1, 0);
        for (INDArray b : new INDArray[] {view, reshaped}) {
            INDArray c = MatrixProduct.gemm(input, b, Nd4j.create(DataType.FLOAT, 128, 5), false, false, 1, 0);
            assertArrayEquals(floats(expected), floats(c), 0f, b.shapeInfoToString());
        }
        INDArray outputs = Nd4j.create(DataType.FLOAT, 128, 8);
        INDArray outputView = outputs.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 6));
        assertSame(outputView, MatrixProduct.gemm(input, view, outputView, false, false, 1, 0));
        assertArrayEquals(floats(expected), floats(outputs.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 6))), 0f);
        assertEquals(0.0, outputs.getColumn(0).sumNumber().doubleValue(), 0.0, "columns outside the view untouched");
    }

    @Test
    void rejectsMixedTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatrixProduct.gemm(Nd4j.create(DataType.FLOAT, 6, 3), Nd4j.create(DataType.DOUBLE, 3, 2),
                        Nd4j.create(DataType.FLOAT, 6, 2), false, false, 1, 0));
        assertTrue(e.getMessage().contains("one data type"), e.getMessage());
    }

    @Test
    void rejectsShapesThatDoNotChain() {
        INDArray a = Nd4j.create(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.create(DataType.FLOAT, 5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatrixProduct.gemm(a, b, Nd4j.create(DataType.FLOAT, 3, 2), false, false, 1, 0));
        assertTrue(e.getMessage().contains("do not match"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MatrixProduct.gemm(a, Nd4j.create(DataType.FLOAT, 4, 2), Nd4j.create(DataType.FLOAT, 2, 2), false,
                        false, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> MatrixProduct.gemm(Nd4j.create(DataType.FLOAT, 4), b, Nd4j.create(DataType.FLOAT, 1, 2), false,
                        false, 1, 0));
    }

    /** The elements in row-major order, compared bit for bit ({@code INDArray.equals} allows a tolerance). */
    private static float[] floats(INDArray x) {
        return x.dup('c').data().asFloat();
    }

    private static INDArray random(DataType type, int rows, int columns, char order, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(type, rows, columns).subi(0.5).dup(order);
    }
}
