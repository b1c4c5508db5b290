package org.parsimony.experiments.cli;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.parsimony.variational.data.InputScaling;
import org.parsimony.variational.data.StratifiedSample;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.experiments.reproduce.ConfidentProtocol;
import org.parsimony.experiments.reproduce.GsmProtocol;
import org.parsimony.experiments.reproduce.MuProtocol;
import org.parsimony.experiments.reproduce.ReproduceSettings;
import org.parsimony.experiments.reproduce.Reproduction;
import org.parsimony.experiments.reproduce.SippProtocol;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.variational.io.AtomicFileWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code parsimony reproduce mu|sipp|confident|gsm}: one seed paper's headline experiment, written to {@code OUT} as
 * {@code table.md} (verdict first), {@code results.json} and PNG plots. The protocols live in
 * {@code org.parsimony.experiments.reproduce}; this command parses, loads the data and writes.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run a seed paper's protocol (mu, sipp, confident, gsm) and write its table, plot and verdict.")
public final class ReproduceCommand implements Callable<Integer> {
    /** The papers. */
    enum Paper { mu, sipp, confident, gsm }

    static final double[] FINE_GRID = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99};
    static final double[] CONFIDENT_GRID = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "${COMPLETION-CANDIDATES}")
    Paper paper;

    @Mixin
    DatasetOption data = new DatasetOption();

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "one full run per seed (default ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--widths", split = ",", defaultValue = "300,100", description = "hidden widths (default ${DEFAULT-VALUE}, LeNet-300-100)")
    int[] widths;

    @Option(names = "--dense-epochs", defaultValue = "10", description = "epochs of the dense network and of the isolation retraining (default ${DEFAULT-VALUE})")
    int denseEpochs;

    @Option(names = "--retrain", defaultValue = "2", description = "epochs of retraining after pruning, mask fixed; 0 = before retraining only (default ${DEFAULT-VALUE}; gsm: fine-tuning of every method)")
    int retrainEpochs;

    @Option(names = "--ratios", split = ",", description = "fractions of weights removed (default mu/sipp 0.5 .. 0.99 in 11 steps; confident 0.1 .. 0.99 in 15; gsm: ignored)")
    double[] ratios;

    @Option(names = "--scope", defaultValue = "LAYER_WISE", description = "LAYER_WISE (each layer's weights ranked) or GLOBAL (the whole net's) (default ${DEFAULT-VALUE})")
    RatioScope scope;

    @Option(names = "--bootstrap-window", defaultValue = "50", description = "Adam updates of MU's pseudo-bootstrap (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--variational-epochs", defaultValue = "10", description = "mu: epochs of the variational net MU also scores, 0 = skip; gsm: epochs of the variational method (default ${DEFAULT-VALUE})")
    int variationalEpochs;

    @Option(names = "--rescale", defaultValue = "4", description = "mu: factor c of the scale-invariance demonstration (default ${DEFAULT-VALUE})")
    double rescale;

    @Option(names = "--sensitivity-batch", defaultValue = "256", description = "sipp: training examples the sensitivities are measured on (default ${DEFAULT-VALUE})")
    int sensitivityBatch;

    @Option(names = "--isolation-ratios", split = ",", defaultValue = "0.9", description = "sipp: ratios whose masks are retrained from the initial weights; none for none (default ${DEFAULT-VALUE})")
    List<String> isolationRatios;

    @Option(names = "--splits", defaultValue = "200", description = "confident: random calibration/test splits (default ${DEFAULT-VALUE})")
    int splits;

    @Option(names = "--calibration", description = "confident: calibration examples per split (default half the test set, at most 5000)")
    Integer calibration;

    @Option(names = "--granularity", defaultValue = "weights", description = "confident: weights (as in the paper) or units "
            + "(hidden units ranked by the L2 norm of their weights and removed) (default ${DEFAULT-VALUE})")
    String granularity;

    @Option(names = "--alpha", defaultValue = "0.05", description = "confident: risk level (default ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--delta", defaultValue = "0.1", description = "confident: error probability (default ${DEFAULT-VALUE})")
    double delta;

    @Option(names = "--gsm-widths", split = ";", defaultValue = "300,100;150,50;600,200", description = "gsm: starting hidden widths separated by ';', the first gets the variants and the size-matched criteria (default ${DEFAULT-VALUE})")
    List<String> gsmWidths;

    @Option(names = "--gsm-variants", split = ",", defaultValue = "init=0.5,init=2", description = "gsm: trainer variants on the first starting width (default ${DEFAULT-VALUE})")
    List<String> gsmVariants;

    @Option(names = "--train-size", description = "use a stratified draw of this many training examples (seed "
            + DatasetOption.SAMPLE_SEED + ") and the whole test set (default: all)")
    Integer trainSize;

    @Option(names = "--inputs", defaultValue = "standardized", description = "standardized or raw pixels (default ${DEFAULT-VALUE})")
    InputScaling inputs;

    @Option(names = "--out", description = "output directory (default runs/reproduce-PAPER)")
    Path out;

    @Override
    public Integer call() {
        Path dir = out != null ? out : Path.of("runs", "reproduce-" + paper);
        try (OutputDirectoryLock lock = OutputDirectoryLock.exclusive(dir)) {
            return reproduce(dir);
        }
    }

    private int reproduce(Path dir) {
        PrintStream console = System.out;
        ReproduceSettings settings = settings(Integer.MAX_VALUE);
        if (!granularity.equals("weights") && !granularity.equals("units")) {
            throw new IllegalArgumentException("--granularity must be weights or units, got " + granularity);
        }
        if (granularity.equals("units") && paper != Paper.confident) {
            throw new IllegalArgumentException("--granularity units applies to confident; " + paper + " prunes weights as its paper does");
        }
        TrainTestSplit sampled = sample(data.load());
        TrainTestSplit split = inputs.apply(sampled);
        settings = settings(split.test().size());
        Reproduction r = switch (paper) {
            case mu -> MuProtocol.run(settings, split, console);
            case sipp -> SippProtocol.run(settings, split, console);
            case confident -> ConfidentProtocol.run(settings, split, granularity.equals("units"), console);
            case gsm -> GsmProtocol.run(settings, sampled, inputs, gsmWidths, gsmVariants, dir, console);
        };
        Map<String, Object> results = new java.util.LinkedHashMap<>(r.results());
        results.put("command", "parsimony " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        AtomicFileWriter.write(dir.resolve("table.md"), r.table());
        AtomicFileWriter.write(dir.resolve("results.json"), Json.pretty(results));
        for (Map.Entry<String, Chart<?, ?>> plot : r.plots().entrySet()) {
            try {
                AtomicFileWriter.write(dir.resolve(plot.getKey()),
                        BitmapEncoder.getBitmapBytes(plot.getValue(), BitmapEncoder.BitmapFormat.PNG));
            } catch (IOException e) {
                throw new UncheckedIOException("could not draw " + dir.resolve(plot.getKey()) + ": " + e.getMessage(), e);
            }
        }
        console.println();
        console.println(r.verdict());
        console.println("wrote " + dir.toAbsolutePath() + " (table.md, results.json, " + String.join(", ", r.plots().keySet()) + ")");
        return 0;
    }

    /** {@code whole}, or a stratified draw of {@code --train-size} of its training examples. */
    private TrainTestSplit sample(TrainTestSplit whole) {
        if (trainSize == null) {
            return whole;
        }
        if (trainSize < 10 || trainSize > whole.train().size()) {
            throw new IllegalArgumentException("--train-size must be between 10 and the " + whole.train().size()
                    + " training examples, got " + trainSize);
        }
        return new TrainTestSplit(StratifiedSample.of(whole.train(), trainSize, DatasetOption.SAMPLE_SEED), whole.test(),
                whole.source() + ", stratified " + trainSize + " of " + whole.train().size() + " training examples (seed "
                        + DatasetOption.SAMPLE_SEED + ")", whole.image());
    }

    /** The settings, the calibration size defaulting to half of {@code testSize} (at most 5000). */
    private ReproduceSettings settings(int testSize) {
        double[] grid = ratios != null ? ratios : paper == Paper.confident ? CONFIDENT_GRID : FINE_GRID;
        double[] isolation = isolationRatios.size() == 1 && isolationRatios.get(0).strip().equals("none") ? new double[0]
                : isolationRatios.stream().mapToDouble(ReproduceCommand::ratio).toArray();
        int n = calibration != null ? calibration : Math.max(1, Math.min(5000, testSize / 2));
        return new ReproduceSettings(seeds, widths, denseEpochs, retrainEpochs, grid, scope, window, variationalEpochs,
                rescale, sensitivityBatch, isolation, splits, n, alpha, delta);
    }

    private static double ratio(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--isolation-ratios: '" + text + "' is not a number (or give none)");
        }
    }
}
