package org.parsimony.experiments.bench.kernels;

import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.VariationalMlp;
import org.parsimony.variational.training.PriorSettings;
import org.parsimony.variational.training.TrainerConfig;
import org.parsimony.variational.training.VariationalTrainer;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Training cost per minibatch of 128 bundled Fashion-MNIST images at a given hidden width, three ways: the variational
 * ELBO step (SameDiff graph, local reparameterization, gates, KL, Adam; the pass includes building the graph and
 * initialising the net, as does the deterministic SameDiff pass), the same net's deterministic step in a SameDiff
 * graph, and the hand-written ND4J backprop step. Each invocation is a pass of {@link #STEPS} minibatches; divide by
 * {@code STEPS} for the per-step time. Widths "300,100" (dense start) and "30,10" (10% of the units alive) show how the
 * step cost falls with the units removed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class TrainingStepBenchmark {
    /** Minibatches per benchmark invocation. */
    public static final int STEPS = 20;
    private static final int BATCH = 128;

    @Param({"300,100", "30,10"})
    public String hidden;

    private LabeledData data;
    private int[] widths;
    private VariationalTrainer variational;
    private int[] hiddenWidths;
    private DeterministicMlp deterministicStart;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        data = IdxImageDataset.bundledFashionMnistSubset().train().head(STEPS * BATCH);
        int[] h = Arrays.stream(hidden.split(",")).mapToInt(Integer::parseInt).toArray();
        widths = new int[h.length + 2];
        widths[0] = data.featureCount();
        System.arraycopy(h, 0, widths, 1, h.length);
        widths[widths.length - 1] = data.classCount();
        variational = new VariationalTrainer(TrainerConfig.builder().epochs(1).fineTuneEpochs(0).warmupEpochs(0)
                .batchSize(BATCH).seed(1).build(), PriorSettings.defaults());
        hiddenWidths = h;
        deterministicStart = DeterministicTrainer.initialize(widths, 1);
    }

    @Benchmark
    public Object variationalElboPass() {
        VariationalMlp network = variational.initialize(data, hiddenWidths);
        return variational.train(network, data, data.head(BATCH), null).network();
    }

    @Benchmark
    public Object deterministicSameDiffPass() {
        return new LikelihoodGraphTrainer(new FineTuneConfig(1, BATCH, 1e-3, 1)).train(deterministicStart, data, null);
    }

    @Benchmark
    public Object deterministicHandWrittenPass() {
        return new DeterministicTrainer(new FineTuneConfig(1, BATCH, 1e-3, 1)).train(deterministicStart, data);
    }
}
