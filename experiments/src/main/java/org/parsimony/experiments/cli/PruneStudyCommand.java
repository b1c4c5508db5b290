package org.parsimony.experiments.cli;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.experiments.pruning.ComparisonTable;
import org.parsimony.pruning.criteria.CriterionNeed;
import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.DenseStart;
import org.parsimony.pruning.StructuredPruningResult;
import org.parsimony.pruning.Pruner;
import org.parsimony.variational.io.AtomicFileWriter;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.RatioScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code parsimony prune-study}: structured pruning of a dense deterministic network by several criteria to several
 * ratios over several seeds. Per seed one dense network is trained (recording the pseudo-bootstrap), and every
 * criterion and ratio starts from it with the same fine-tuning budget. Writes {@code runs.csv} after every run and
 * {@code summary.md} (mean +- std) at the end.
 */
@Command(name = "prune-study", mixinStandardHelpOptions = true,
        description = "Compare structured pruning criteria on a dense deterministic MLP: criteria x ratios x seeds.")
public final class PruneStudyCommand implements Callable<Integer> {

    @Mixin
    DatasetOption data = new DatasetOption();

    @Option(names = "--widths", split = ",", defaultValue = "300,100", description = "hidden widths (default ${DEFAULT-VALUE})")
    int[] widths;

    @Option(names = "--criteria", split = ",", defaultValue = "magnitude,mu,random", converter = CriterionOption.class,
            completionCandidates = CriterionOption.Names.class, description = "criteria, of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    CriterionType[] criteria;

    @Option(names = "--ratios", split = ",", defaultValue = "0.5,0.7,0.9", description = "fractions of hidden units removed (default ${DEFAULT-VALUE})")
    double[] ratios;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "seeds (default ${DEFAULT-VALUE})")
    long[] seeds;

    @Option(names = "--dense-epochs", defaultValue = "10", description = "epochs of the dense network (default ${DEFAULT-VALUE})")
    int denseEpochs;

    @Option(names = "--fine-tune", defaultValue = "2", description = "fine-tuning epochs after pruning, the same for every criterion (default ${DEFAULT-VALUE})")
    int fineTuneEpochs;

    @Option(names = "--scope", defaultValue = "LAYER_WISE", description = "GLOBAL or LAYER_WISE (default ${DEFAULT-VALUE})")
    RatioScope scope;

    @Option(names = "--bootstrap-window", defaultValue = "50", description = "pseudo-bootstrap window in Adam updates (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--out", defaultValue = "runs/prune-study", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        try (OutputDirectoryLock lock = OutputDirectoryLock.exclusive(out)) {
            return study();
        }
    }

    /** Runs the study and writes into {@code out}, which this process holds. */
    private int study() {
        PrintStream console = System.out;
        requireSome("--widths", widths.length, "300,100");
        requireSome("--criteria", criteria.length, "magnitude,mu");
        requireSome("--ratios", ratios.length, "0.5,0.7");
        requireSome("--seeds", seeds.length, "1,2,3");
        for (double r : ratios) {
            if (!(r >= 0 && r < 1)) {
                throw new IllegalArgumentException("--ratios must be in [0, 1), got " + r);
            }
        }
        if (Arrays.stream(criteria).anyMatch(c -> c.needs(CriterionNeed.GATES))) {
            throw new IllegalArgumentException("the gate criterion needs a variational network; this study prunes deterministic ones");
        }
        TrainTestSplit split = data.load();
        int[] all = split.networkWidths(widths);
        int total = seeds.length * criteria.length * ratios.length;
        console.printf("data: %s; %d runs: seeds %s x criteria %s x ratios %s%n", split.source(), total,
                Arrays.toString(seeds), Arrays.toString(criteria), Arrays.toString(ratios));
        List<StructuredPruningResult> results = new ArrayList<>();
        long start = System.nanoTime();
        for (long seed : seeds) {
            FineTuneConfig base = FineTuneConfig.defaults().withSeed(seed);
            DenseStart dense = DenseStart.train(all, split.train(), base.withEpochs(denseEpochs), window);
                        for (CriterionType criterion : criteria) {
                for (double ratio : ratios) {
                    StructuredPruningResult r = Pruner.of(criterion).toRatio(ratio).scope(scope).seed(seed)
                            .fineTune(base.withEpochs(fineTuneEpochs).forFineTuning())
                            .prune(dense.network(), dense.statistics(), split.train(), split.test()).report();
                    results.add(r);
                    AtomicFileWriter.write(out.resolve("runs.csv"), new ComparisonTable(results).csv());
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    console.printf("[%d/%d] seed %d %-9s ratio %.2f  widths %s  acc %.4f -> %.4f (fine-tuned; dense %.4f)  ETA %s%n",
                            results.size(), total, seed, criterion, ratio, Arrays.toString(r.widthsAfter()),
                            r.accuracyPruned(), r.accuracyFineTuned(), r.accuracyDense(),
                            EpochProgressPrinter.duration(elapsed / results.size() * (total - results.size())));
                }
            }
        }
        String summary = new ComparisonTable(results).markdown();
        console.println();
        console.println(summary);
        AtomicFileWriter.write(out.resolve("summary.md"), summary);
        console.println("wrote " + out.resolve("runs.csv").toAbsolutePath() + " and summary.md");
        return 0;
    }

    /** Refuses an option whose list came out empty (as {@code --ratios ,} does), which would study nothing. */
    private static void requireSome(String option, int count, String example) {
        if (count == 0) {
            throw new IllegalArgumentException(option + " lists nothing; give at least one value, e.g. " + option + " "
                    + example);
        }
    }
}
