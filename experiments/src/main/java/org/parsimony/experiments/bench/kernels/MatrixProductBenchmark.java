package org.parsimony.experiments.bench.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.parsimony.variational.elements.MatrixProduct;

import java.util.concurrent.TimeUnit;

/**
 * A product {@code [m x k] [k x n]} of a training step through {@link MatrixProduct} against {@code Nd4j.gemm}: the
 * measurements behind {@code MatrixProduct}'s choice of OpenBLAS for small products and ND4J (oneDNN) for large ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MatrixProductBenchmark {
    /** {@code m,k,n}: a first-layer product at 30 units, a second-layer one at 300-100, the output layer at 30-10. */
    @Param({"128,784,30", "128,300,100", "128,30,10"})
    public String shape;

    private INDArray a;
    private INDArray b;
    private INDArray c;

    @Setup(Level.Trial)
    public void setUp() {
        String[] mkn = shape.split(",");
        int m = Integer.parseInt(mkn[0]);
        int k = Integer.parseInt(mkn[1]);
        int n = Integer.parseInt(mkn[2]);
        Nd4j.getRandom().setSeed(1);
        a = Nd4j.rand(DataType.FLOAT, m, k);
        b = Nd4j.rand(DataType.FLOAT, k, n);
        c = Nd4j.create(DataType.FLOAT, m, n);
    }

    @Benchmark
    public INDArray matrixProduct() {
        return MatrixProduct.gemm(a, b, c, false, false, 1.0, 0.0);
    }

    @Benchmark
    public INDArray nd4jGemm() {
        return Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
}
