package org.parsimony.experiments.bench.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
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
import org.parsimony.variational.elements.FloatExponential;

import java.util.concurrent.TimeUnit;

/**
 * {@code exp} of a layer's log-variances, {@code [fanIn x units]} floats: {@link FloatExponential} (what the MLP
 * objective uses) against ND4J's {@code Exp} op (glibc's scalar {@code expf}, what it used before) and
 * {@code Math.exp} in a Java loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ExponentialBenchmark {
    /** {@code fanIn,units}: the first layer of LeNet-300-100, and of a net pruned to 30 units. */
    @Param({"784,300", "784,30"})
    public String shape;

    private float[] logVariance;
    private float[] variance;
    private float[] scratch;
    private INDArray logVarianceArray;
    private INDArray varianceArray;

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split(",");
        int n = Integer.parseInt(dims[0]) * Integer.parseInt(dims[1]);
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        logVariance = new float[n];
        for (int i = 0; i < n; i++) {
            logVariance[i] = (float) (-12 + 10 * random.nextDouble());
        }
        variance = new float[n];
        scratch = new float[n];
        logVarianceArray = Nd4j.createFromArray(logVariance);
        varianceArray = Nd4j.create(DataType.FLOAT, n);
    }

    @Benchmark
    public float[] floatExponential() {
        FloatExponential.exp(logVariance, variance, scratch, logVariance.length);
        return variance;
    }

    @Benchmark
    public INDArray nd4jExp() {
        return Nd4j.exec(new Exp(logVarianceArray, varianceArray));
    }

    @Benchmark
    public float[] mathExp() {
        for (int i = 0; i < logVariance.length; i++) {
            variance[i] = (float) Math.exp(logVariance[i]);
        }
        return variance;
    }
}
