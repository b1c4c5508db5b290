package org.parsimony.experiments.cli;

import org.parsimony.experiments.bench.MemoryUsage;
import org.parsimony.experiments.bench.TrainingBenchmark;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.network.DenseComplexity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code parsimony bench}: prints the speed table of the library's targets (variational step vs deterministic step,
 * epoch time as units are removed, pruned vs dense inference, memory), all measured in this one process.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training and inference speed and memory; prints a table with the targets.")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    DatasetOption data = new DatasetOption();

    @Option(names = "--widths", split = ",", defaultValue = "300,100", description = "hidden widths at 100%% (default ${DEFAULT-VALUE})")
    int[] widths;

    @Option(names = "--examples", defaultValue = "6400", description = "training examples per timed pass (default ${DEFAULT-VALUE})")
    int examples;

    @Option(names = "--batch-size", defaultValue = "128", description = "minibatch size (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--repeats", defaultValue = "5", description = "timed passes per number, median reported (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed passes before the timed ones of every number (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        TrainTestSplit split = data.load();
        TrainingBenchmark bench = new TrainingBenchmark(split.train().head(Math.min(examples, split.train().size())),
                batchSize, repeats, warmup);
        TrainingBenchmark inference = new TrainingBenchmark(split.test(), batchSize, repeats, warmup);
        out.printf("data: %s; %d examples per pass, batch %d, median of %d passes after %d untimed%n%n", split.source(),
                Math.min(examples, split.train().size()), batchSize, repeats, warmup);

        TrainingBenchmark.StepComparison steps = bench.compareSteps(widths);
        double variational = steps.variational();
        int n = Math.min(examples, split.train().size());
        out.printf("%-44s %12s %12s%n", "training throughput " + Arrays.toString(widths), "examples/s", "step ratio");
        out.printf("%-44s %12.0f%n", "  deterministic, SameDiff graph, Adam", n / steps.graph());
        out.printf("%-44s %12.0f %11.2fx   (vs the SameDiff graph)%n", "  deterministic, hand-written ND4J backprop",
                n / steps.handWritten(), steps.handWritten() / steps.graph());
        out.printf("%-44s %12.0f %11.2fx   target <= 1.5x (vs the SameDiff graph, median of %d rounds, range %.2f-%.2f;"
                        + " %.2fx vs hand-written)%n", "  variational (ELBO, gates)", n / variational, steps.ratioToGraph(),
                repeats, steps.minRatioToGraph(), steps.maxRatioToGraph(), steps.ratioToHandWritten());
        out.printf("%n%-20s %-16s %10s %12s %12s %10s%n", "units alive", "widths", "epoch s", "time ratio", "FLOP ratio", "ratio/FLOP");
        long denseFlops = flops(bench.widths(widths));
        double dense = bench.variationalEpochSeconds(widths);
        for (double f : new double[] {1.0, 0.5, 0.2, 0.1}) {
            int[] hidden = Arrays.stream(widths).map(w -> Math.max(2, (int) Math.round(w * f))).toArray();
            double seconds = f == 1.0 ? dense : bench.variationalEpochSeconds(hidden);
            double timeRatio = seconds / dense;
            double flopRatio = (double) flops(bench.widths(hidden)) / denseFlops;
            out.printf("%-20s %-16s %10.3f %12.3f %12.3f %10.2f%n", String.format("%.0f%%", 100 * f), Arrays.toString(hidden),
                    seconds, timeRatio, flopRatio, (1 / timeRatio) / (1 / flopRatio));
        }
        out.println("(epoch s: median of the last " + repeats + " of " + (warmup + repeats) + " epochs of one run, no unit removed;"
                + " ratio/FLOP: measured speed-up over the FLOP reduction; target >= 0.7)");

        double denseInference = inference.inferenceSeconds(widths);
        out.printf("%ninference over %d test examples, dense %s: %.2f ms%n", split.test().size(), Arrays.toString(widths),
                1e3 * denseInference);
        out.printf("%-20s %-16s %10s %12s %14s %10s%n", "units kept", "widths", "ms", "speed-up", "FLOP reduction",
                "ratio");
        for (double f : new double[] {0.5, 0.2, 0.1}) {
            int[] pruned = Arrays.stream(widths).map(w -> Math.max(2, (int) Math.round(w * f))).toArray();
            double seconds = inference.inferenceSeconds(pruned);
            double flopReduction = (double) flops(inference.widths(widths)) / flops(inference.widths(pruned));
            out.printf("%-20s %-16s %10.2f %11.2fx %13.2fx %10.2f%n", String.format("%.0f%%", 100 * f),
                    Arrays.toString(pruned), 1e3 * seconds, denseInference / seconds, flopReduction,
                    denseInference / seconds / flopReduction);
        }
        out.println("(ratio: measured speed-up over the FLOP reduction; target >= 0.8)");

        MemoryUsage memory = MemoryUsage.now();
        out.printf("%nmemory of this process: peak heap %.0f MiB, ND4J off-heap now %.0f MiB (limit %.0f MiB), resident now %.0f MiB,"
                        + " peak resident %.0f MiB%n(a training run reports its own peak in results.json: peakHeapBytes,"
                        + " peakResidentBytes; target <= 2048 MiB on full Fashion-MNIST)%n",
                MemoryUsage.mib(memory.peakHeapBytes()), MemoryUsage.mib(memory.offHeapBytes()),
                MemoryUsage.mib(memory.maxOffHeapBytes()), MemoryUsage.mib(memory.physicalBytes()),
                MemoryUsage.mib(memory.peakResidentBytes()));
        return 0;
    }

    private static long flops(int[] widths) {
        return new DenseComplexity(widths).multiplyAdds();
    }
}
