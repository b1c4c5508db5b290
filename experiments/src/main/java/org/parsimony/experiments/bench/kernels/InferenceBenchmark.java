package org.parsimony.experiments.bench.kernels;

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
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Forward pass of a deterministic MLP over the 2,000 bundled test images, dense (300-100) against surgically smaller
 * networks: what surgery buys at inference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class InferenceBenchmark {
    @Param({"300,100", "150,50", "30,10"})
    public String hidden;

    private DeterministicMlp network;
    private INDArray inputs;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        LabeledData test = IdxImageDataset.bundledFashionMnistSubset().test();
        inputs = Minibatch.of(test, IntStream.range(0, test.size()).toArray(), 0, test.size()).features();
        int[] h = Arrays.stream(hidden.split(",")).mapToInt(Integer::parseInt).toArray();
        int[] widths = new int[h.length + 2];
        widths[0] = test.featureCount();
        System.arraycopy(h, 0, widths, 1, h.length);
        widths[widths.length - 1] = test.classCount();
        network = DeterministicTrainer.initialize(widths, 1);
    }

    @Benchmark
    public INDArray logits() {
        return network.logits(inputs);
    }
}
