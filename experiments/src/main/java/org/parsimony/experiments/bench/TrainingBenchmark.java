package org.parsimony.experiments.bench;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.evaluation.InferenceTiming;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.graph.LikelihoodGraph;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.training.EpochReport;
import org.parsimony.variational.training.PriorSettings;
import org.parsimony.variational.training.TrainerConfig;
import org.parsimony.variational.training.VariationalTrainer;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Side-by-side timings in one process, on the same minibatches: a variational training pass against plain
 * deterministic ones of the same shape (run in turns, {@link #compareSteps}), variational epochs at fractions of the
 * hidden units alive (a network after removal has exactly the smaller shapes, so it is built at those widths;
 * {@link #variationalEpochSeconds}), and inference of a pruned network against the dense one. Each number is a
 * median of {@code repeats} timed passes or epochs after {@code warmup} untimed ones (the JIT compiles the training
 * loop's large methods over a few thousand steps, and a compiler thread competes for the cores meanwhile).
 */
public final class TrainingBenchmark {
    private final LabeledData data;
    private final int batchSize;
    private final int repeats;
    private final int warmup;

    /**
     * @param data      the examples of one timed pass (a pass is one epoch over them)
     * @param batchSize minibatch size of every trainer
     * @param repeats   timed passes per measurement
     * @param warmup    untimed passes before them
     */
    public TrainingBenchmark(LabeledData data, int batchSize, int repeats, int warmup) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.repeats = repeats;
        this.warmup = warmup;
    }

    /**
     * Median seconds of an epoch of one variational training run at hidden widths {@code hidden} in steady state: the
     * run trains {@code warmup + repeats} epochs and the last {@code repeats} are timed. No unit is removed (the
     * patience of the removal rule exceeds the run), so every timed epoch has exactly these widths, as the epochs
     * after a removal in training do. Unlike the passes of {@link #compareSteps}, no timed epoch includes a run's
     * set-up (its first step allocates the objective's arrays), which is a few milliseconds: a tenth of an epoch of
     * the bench's 50 steps at 30-10 units, and once per removal in training.
     */
    public double variationalEpochSeconds(int[] hidden) {
        System.gc();
        List<EpochReport> history = variationalRun(hidden, warmup + repeats, Integer.MAX_VALUE);
        return median(history.subList(warmup, history.size()).stream().mapToDouble(EpochReport::seconds).toArray());
    }

    /**
     * The variational pass against both deterministic ones at hidden widths {@code hidden}, run in turns (variational,
     * SameDiff graph, hand-written; {@code warmup} untimed rounds, then {@code repeats} timed ones), so that all three
     * see the same state of a shared machine; the step ratios are the medians of the rounds' ratios. Timed in blocks
     * (all passes of one trainer, then the next), the ratio moved by up to 20 % between runs of the benchmark on a
     * machine whose speed drifts with its neighbours' load.
     */
    public StepComparison compareSteps(int[] hidden) {
        java.util.function.DoubleSupplier[] passes = {variationalPass(hidden), likelihoodGraphPass(hidden),
                deterministicPass(hidden)};
        for (int r = 0; r < warmup; r++) {
            for (java.util.function.DoubleSupplier pass : passes) {
                timed(pass);
            }
        }
        double[][] seconds = new double[passes.length][repeats];
        for (int r = 0; r < repeats; r++) {
            for (int k = 0; k < passes.length; k++) {
                seconds[k][r] = timed(passes[k]);
            }
        }
        double[] toGraph = new double[repeats];
        double[] toHandWritten = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            toGraph[r] = seconds[0][r] / seconds[1][r];
            toHandWritten[r] = seconds[0][r] / seconds[2][r];
        }
        return new StepComparison(median(seconds[0]), median(seconds[1]), median(seconds[2]), median(toGraph),
                min(toGraph), max(toGraph), median(toHandWritten));
    }

    /**
     * Median seconds per pass and median step ratios of {@link #compareSteps}.
     *
     * @param ratioToGraph       median over the rounds of variational / SameDiff-graph seconds
     * @param minRatioToGraph    smallest of those ratios
     * @param maxRatioToGraph    largest of those ratios
     * @param ratioToHandWritten median over the rounds of variational / hand-written seconds
     */
    public record StepComparison(double variational, double graph, double handWritten, double ratioToGraph,
                                 double minRatioToGraph, double maxRatioToGraph, double ratioToHandWritten) {
    }

    /** A variational training pass (one epoch from a fresh network, no KL warm-up, gates learn), timed by the trainer. */
    private java.util.function.DoubleSupplier variationalPass(int[] hidden) {
        return () -> variationalRun(hidden, 1, 1).get(0).seconds();
    }

    /**
     * The epoch reports of a variational run from a fresh network at {@code hidden} widths: {@code epochs} structure
     * epochs, no fine-tuning or KL warm-up, units removed after {@code patience} epochs below the threshold.
     */
    private List<EpochReport> variationalRun(int[] hidden, int epochs, int patience) {
        TrainerConfig config = TrainerConfig.builder().epochs(epochs).fineTuneEpochs(0).warmupEpochs(0)
                .batchSize(batchSize).patience(patience).seed(1).build();
        VariationalTrainer trainer = new VariationalTrainer(config, PriorSettings.defaults());
        LabeledData monitor = data.head(Math.min(100, data.size()));
        return trainer.train(trainer.initialize(data, hidden), data, monitor, null).history();
    }

    /** A pass of the same network with hand-written ND4J backprop ({@link DeterministicTrainer}), the same Adam. */
    private java.util.function.DoubleSupplier deterministicPass(int[] hidden) {
        int[] widths = widths(hidden);
        DeterministicTrainer trainer = new DeterministicTrainer(new FineTuneConfig(1, batchSize, 1e-3, 1));
        return () -> {
            DeterministicMlp network = DeterministicTrainer.initialize(widths, 1);
            long start = System.nanoTime();
            trainer.train(network, data);
            return (System.nanoTime() - start) / 1e9;
        };
    }

    /**
     * A pass of the same deterministic network trained in a SameDiff graph ({@link LikelihoodGraph},
     * {@link LikelihoodGraphTrainer}) with the same Adam: the like-for-like baseline of the variational step.
     */
    private java.util.function.DoubleSupplier likelihoodGraphPass(int[] hidden) {
        int[] widths = widths(hidden);
        LikelihoodGraphTrainer trainer = new LikelihoodGraphTrainer(new FineTuneConfig(1, batchSize, 1e-3, 1));
        return () -> {
            DeterministicMlp network = DeterministicTrainer.initialize(widths, 1);
            long start = System.nanoTime();
            trainer.train(network, data, null);
            return (System.nanoTime() - start) / 1e9;
        };
    }

    /** Median seconds of one forward pass over {@code data} for a He-initialised network of {@code hidden} widths. */
    public double inferenceSeconds(int[] hidden) {
        INDArray x = Minibatch.of(data, IntStream.range(0, data.size()).toArray(), 0, data.size()).features();
        return InferenceTiming.medianSeconds(DeterministicTrainer.initialize(widths(hidden), 1), x, Math.max(5, repeats));
    }

    /** Inputs, {@code hidden}, classes. */
    public int[] widths(int[] hidden) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = data.featureCount();
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = data.classCount();
        return widths;
    }

    /**
     * Runs one pass after a garbage collection, so that no pass pays for the garbage of the one before: ND4J frees an
     * array's native buffer only when the collector finds its Java wrapper, and a SameDiff pass leaves thousands.
     */
    private static double timed(java.util.function.DoubleSupplier pass) {
        System.gc();
        return pass.getAsDouble();
    }

    /** The middle value (the upper one of an even count). */
    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }
}
