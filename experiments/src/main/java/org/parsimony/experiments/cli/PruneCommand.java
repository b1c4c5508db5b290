package org.parsimony.experiments.cli;

import org.parsimony.experiments.data.TrainTestSplit;
import org.parsimony.experiments.pruning.CriterionName;
import org.parsimony.experiments.pruning.DenseStart;
import org.parsimony.experiments.pruning.StructuredPruningResult;
import org.parsimony.experiments.pruning.StructuredPruningRun;
import org.parsimony.experiments.results.AtomicFileWriter;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.io.MlpModelFile;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.variational.network.DeterministicMlp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code parsimony prune}: structured pruning of one deterministic network (a {@code model.sdz} written by
 * {@code train}, or a dense network trained here) with one criterion to one ratio; prints and writes the
 * before/after table and the pruned model.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Prune hidden units of a trained network with a criterion, fine-tune, and report the before/after table.")
public final class PruneCommand implements Callable<Integer> {

    @Mixin
    DatasetOption data = new DatasetOption();

    @Option(names = "--model", description = "model.sdz written by `parsimony train`; without it a dense network of --widths is trained first")
    Path model;

    @Option(names = "--widths", split = ",", defaultValue = "300,100", description = "hidden widths of the dense network trained without --model (default ${DEFAULT-VALUE})")
    int[] widths;

    @Option(names = "--dense-epochs", defaultValue = "10", description = "epochs of the dense network trained without --model (default ${DEFAULT-VALUE})")
    int denseEpochs;

    @Option(names = "--criterion", defaultValue = "mu", description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    CriterionName criterion;

    @Option(names = "--ratio", defaultValue = "0.7", description = "fraction of hidden units to remove (default ${DEFAULT-VALUE})")
    double ratio;

    @Option(names = "--scope", defaultValue = "LAYER_WISE", description = "GLOBAL (one ranking over all hidden layers) or LAYER_WISE (default ${DEFAULT-VALUE})")
    RatioScope scope;

    @Option(names = "--rounds", defaultValue = "1", description = "pruning rounds: 1 one-shot, more iterative with fine-tuning after each (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--fine-tune", defaultValue = "2", description = "fine-tuning epochs after each round (default ${DEFAULT-VALUE})")
    int fineTuneEpochs;

    @Option(names = "--bootstrap-window", defaultValue = "50", description = "Adam updates whose iterates give MU's pseudo-bootstrap standard deviations (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the dense training, the random criterion and fine-tuning (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "runs/prune", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        PrintStream console = System.out;
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("--ratio must be in [0, 1), got " + ratio);
        }
        if (criterion == CriterionName.gate) {
            throw new IllegalArgumentException("--criterion gate needs gate probabilities; a saved model is deterministic "
                    + "(its gates were decided by train). Use magnitude, mu or random.");
        }
        TrainTestSplit split = data.load();
        FineTuneConfig base = FineTuneConfig.defaults().withSeed(seed);
        DenseStart start;
        if (model != null) {
            DeterministicMlp loaded = MlpModelFile.load(model);
            console.printf("model: %s %s; recording the pseudo-bootstrap over one epoch%n", model, Arrays.toString(loaded.widths()));
            start = DenseStart.continueTraining(loaded, split.train(), base.withEpochs(1), window);
        } else {
            int[] all = new int[widths.length + 2];
            all[0] = split.train().featureCount();
            System.arraycopy(widths, 0, all, 1, widths.length);
            all[all.length - 1] = split.train().classCount();
            console.printf("training a dense %s for %d epochs (seed %d)%n", Arrays.toString(all), denseEpochs, seed);
            start = DenseStart.train(all, split.train(), base.withEpochs(denseEpochs), window);
        }
        StructuredPruningResult r = new StructuredPruningRun(scope, rounds, base.withEpochs(fineTuneEpochs))
                .run(start.network(), start.statistics(), criterion, ratio, seed, split.train(), split.test());
        printTable(console, r);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("result", r);
        report.put("flopReduction", r.flopReduction());
        report.put("measuredSpeedUp", r.measuredSpeedUp());
        report.put("dataSource", split.source());
        report.put("model", model == null ? null : model.toString());
        report.put("scope", scope.name());
        report.put("rounds", rounds);
        report.put("bootstrapWindow", window);
        AtomicFileWriter.write(out.resolve("prune.json"), Json.pretty(report));
        console.println("wrote " + out.resolve("prune.json").toAbsolutePath());
        return 0;
    }

    static void printTable(PrintStream out, StructuredPruningResult r) {
        out.println();
        out.printf("%-26s %14s %14s%n", "", "dense", "pruned");
        out.printf("%-26s %14s %14s%n", "widths", Arrays.toString(r.widthsBefore()), Arrays.toString(r.widthsAfter()));
        out.printf("%-26s %14d %14d%n", "parameters", r.paramsBefore(), r.paramsAfter());
        out.printf("%-26s %14d %14d%n", "FLOPs (mult-adds/ex.)", r.flopsBefore(), r.flopsAfter());
        out.printf("%-26s %14.4f %14.4f%n", "test accuracy (no fine-tune)", r.accuracyDense(), r.accuracyPruned());
        out.printf("%-26s %14s %14.4f%n", "test accuracy (fine-tuned)", "", r.accuracyFineTuned());
        out.printf("%-26s %14.3f %14.3f%n", "inference ms (test set)", 1e3 * r.denseInferenceSeconds(), 1e3 * r.prunedInferenceSeconds());
        out.printf("FLOP reduction %.2fx, measured speed-up %.2fx%n", r.flopReduction(), r.measuredSpeedUp());
    }
}
