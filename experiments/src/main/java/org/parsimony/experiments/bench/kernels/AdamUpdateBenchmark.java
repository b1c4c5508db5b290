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
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.optim.AdamOptimizer;

import java.util.concurrent.TimeUnit;

/** One Adam update of a first-layer weight matrix (784 x units), the largest parameter of LeNet-300-100. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class AdamUpdateBenchmark {
    @Param({"300", "30"})
    public int units;

    private AdamOptimizer adam;
    private INDArray parameter;
    private INDArray gradientSource;
    private INDArray gradient;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        adam = new AdamOptimizer();
        parameter = Nd4j.randn(DataType.FLOAT, 784, units).muli(0.05);
        gradientSource = Nd4j.randn(DataType.FLOAT, 784, units).muli(1e-3);
        gradient = gradientSource.dup();
    }

    @Benchmark
    public INDArray update() {
        gradient.assign(gradientSource);
        adam.beginStep();
        adam.apply(ParameterKind.WEIGHT.at(0), parameter, gradient, 1e-3);
        return parameter;
    }
}
