package org.parsimony.experiments.cli;

import org.parsimony.dl4j.Dl4jModelFile;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.criteria.CriterionNeed;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.DenseStart;
import org.parsimony.pruning.StructuredPruningResult;
import org.parsimony.pruning.PrunedNetwork;
import org.parsimony.pruning.Pruner;
import org.parsimony.variational.io.AtomicFileWriter;
import org.parsimony.pruning.confidence.CalibrationLoss;
import org.parsimony.pruning.confidence.ConfidentPruning;
import org.parsimony.pruning.confidence.ConfidentPruningResult;
import org.parsimony.pruning.confidence.ErrorIncrease;
import org.parsimony.pruning.confidence.PredictionDisagreement;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.pruning.io.ModelFiles;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;
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

    @Option(names = "--model", description = "model.sdz of an MLP written by `parsimony train`, or a DL4J MultiLayerNetwork or ComputationGraph zip (ModelSerializer; the pruned one is written to --out/model.zip); without it a dense network of --widths is trained first")
    Path model;

    @Option(names = "--widths", split = ",", defaultValue = "300,100", description = "hidden widths of the dense network trained without --model (default ${DEFAULT-VALUE})")
    int[] widths;

    @Option(names = "--dense-epochs", defaultValue = "10", description = "epochs of the dense network trained without --model (default ${DEFAULT-VALUE})")
    int denseEpochs;

    @Option(names = "--criterion", defaultValue = "mu", converter = CriterionOption.class,
            completionCandidates = CriterionOption.Names.class, description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    CriterionType criterion;

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

    @Option(names = "--confident", description = "instead of --ratio, certify the largest ratio of --ratio-grid whose risk is <= alpha with probability >= 1 - delta (Learn-then-Test, Hoeffding-Bentkus); calibrates on the first half of the test set and reports the risk on the second")
    boolean confident;

    @Option(names = "--alpha", defaultValue = "0.02", description = "risk level of --confident (default ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--delta", defaultValue = "0.1", description = "failure probability of --confident (default ${DEFAULT-VALUE})")
    double delta;

    @Option(names = "--risk", defaultValue = "disagreement", description = "risk of --confident: disagreement (pruned vs dense prediction) or error-increase (default ${DEFAULT-VALUE})")
    String risk;

    @Option(names = "--ratio-grid", split = ",", defaultValue = "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9", description = "ratios tested by --confident, increasing (default ${DEFAULT-VALUE})")
    double[] ratioGrid;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the dense training, the random criterion and fine-tuning (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "runs/prune", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        try (OutputDirectoryLock lock = OutputDirectoryLock.exclusive(out)) {
            return prune();
        }
    }

    /** Prunes and writes into {@code out}, which this process holds. */
    private int prune() {
        PrintStream console = System.out;
        if (model == null && widths.length == 0) {
            throw new IllegalArgumentException("--widths lists nothing; give at least one value, e.g. --widths 300,100");
        }
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("--ratio must be in [0, 1), got " + ratio);
        }
        if (criterion.needs(CriterionNeed.GATES)) {
            throw new IllegalArgumentException("--criterion " + criterion + " needs gate probabilities; a saved model is "
                    + "deterministic (its gates were decided by train). Use magnitude, mu or random.");
        }
        if (confident) {
            new ConfidentPruning(alpha, delta); // validates alpha and delta before any training
        }
        if (model != null && Dl4jModelFile.isDl4jZip(model)) {
            if (confident || rounds != 1 || scope != RatioScope.LAYER_WISE) {
                throw new IllegalArgumentException("a DL4J model is pruned in one layer-wise round; drop --confident, --rounds and --scope");
            }
            Dl4jPruneRun run = new Dl4jPruneRun(model, criterion, ratio, fineTuneEpochs,
                    FineTuneConfig.defaults().batchSize(), window, seed);
            return run.run(console, data.load(), out);
        }
        DeterministicNetwork loaded = model == null ? null : ModelFiles.load(model);
        TrainTestSplit split = data.load();
        FineTuneConfig base = FineTuneConfig.defaults().withSeed(seed);
        Pruner pruner = Pruner.of(criterion).scope(scope).rounds(rounds).seed(seed).bootstrapWindow(window)
                .fineTune(base.withEpochs(fineTuneEpochs).forFineTuning());
        PrunedNetwork pruned;
        DeterministicMlp loadedMlp = loaded == null ? null : loaded.denseFastPath().orElse(null);
        if (loaded != null && loadedMlp == null) {
            pruned = pruneConv(console, loaded, split, pruner);
        } else {
            DenseStart start;
            if (loaded != null && criterion.needs(CriterionNeed.UNCERTAINTY)) {
                console.printf("model: %s %s; recording the pseudo-bootstrap over one epoch%n", model, Arrays.toString(loaded.widths()));
                start = DenseStart.continueTraining(loadedMlp, split.train(), base.withEpochs(1), window);
            } else if (loaded != null) {
                // the other criteria score the saved weights, as for a conv net and in Pruner.prune(network, data)
                console.printf("model: %s %s%n", model, Arrays.toString(loaded.widths()));
                start = new DenseStart(loadedMlp, PosteriorStatistics.pointEstimate(loaded));
            } else {
                int[] all = split.networkWidths(widths);
                console.printf("training a dense %s for %d epochs (seed %d)%n", Arrays.toString(all), denseEpochs, seed);
                start = DenseStart.train(all, split.train(), base.withEpochs(denseEpochs), window);
            }
            if (confident) {
                return certify(console, split, start, pruner);
            }
            pruned = pruner.toRatio(ratio).prune(start.network(), start.statistics(), split.train(), split.test());
        }
        StructuredPruningResult r = pruned.report();
        printTable(console, r);
        saveModel(console, pruned.network(), split, r.ratio());
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

    /**
     * Writes {@code pruned} to {@code out/model.sdz} (with its description {@code model.sdz.json}), in the format
     * {@code train} writes, so that {@code prune --model} and {@link ModelFiles#load} read it back.
     */
    private void saveModel(PrintStream console, DeterministicNetwork pruned, TrainTestSplit split, double prunedRatio) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("command", "prune");
        provenance.put("criterion", criterion.name());
        provenance.put("ratio", prunedRatio);
        provenance.put("scope", scope.name());
        provenance.put("rounds", rounds);
        provenance.put("fineTuneEpochs", fineTuneEpochs);
        provenance.put("seed", seed);
        provenance.put("model", model == null ? null : model.toString());
        provenance.put("dataSource", split.source());
        ModelFiles.save(pruned, out.resolve("model.sdz"), provenance);
        console.println("wrote " + out.resolve("model.sdz").toAbsolutePath());
    }

    /**
     * Prunes the filters and dense hidden units of the conv net {@code loaded} in one round: MU records its
     * pseudo-bootstrap over one more epoch ({@link Pruner#prune(DeterministicNetwork, TrainTestSplit)}), the other
     * criteria score the saved weights.
     *
     * @throws IllegalArgumentException naming the model file for --confident, SiPP or data of another shape
     */
    private PrunedNetwork pruneConv(PrintStream console, DeterministicNetwork loaded, TrainTestSplit split, Pruner pruner) {
        if (confident) {
            throw new IllegalArgumentException(model + ": --confident certifies MLPs; this is a "
                    + loaded.architecture().name() + " conv net");
        }
        if (criterion.needs(CriterionNeed.MLP)) {
            throw new IllegalArgumentException(model + ": " + criterion + " scores the units of MLPs only; this is a "
                    + loaded.architecture().name() + " conv net (use magnitude, mu or random)");
        }
        if (loaded.widths()[0] != split.train().featureCount()) {
            throw new IllegalArgumentException(model + ": the " + loaded.architecture().name() + " conv net reads "
                    + loaded.widths()[0] + " features, the data have " + split.train().featureCount());
        }
        console.printf("model: %s, a %s conv net %s%s%n", model, loaded.architecture().name(),
                Arrays.toString(loaded.widths()), criterion.needs(CriterionNeed.UNCERTAINTY)
                        ? "; recording the pseudo-bootstrap over one epoch" : "");
        return pruner.toRatio(ratio).prune(loaded, split);
    }

    /**
     * Confident pruning: the test set is split in two halves (calibration, evaluation) by a seeded shuffle; the ratio
     * grid is tested on the calibration half without fine-tuning (fine-tuning after certification would change the
     * model the guarantee is about), and the certified network's risk is then measured on the evaluation half.
     */
    private int certify(PrintStream console, TrainTestSplit split, DenseStart start, Pruner pruner) {
        CalibrationLoss loss = switch (risk) {
            case "disagreement" -> new PredictionDisagreement();
            case "error-increase" -> new ErrorIncrease();
            default -> throw new IllegalArgumentException("--risk must be disagreement or error-increase, got " + risk);
        };
        int[] order = new java.util.SplittableRandom(seed).ints(0, split.test().size()).distinct()
                .limit(split.test().size()).toArray();
        int half = order.length / 2;
        LabeledData calibration = split.test().subset(Arrays.copyOfRange(order, 0, half));
        LabeledData evaluation = split.test().subset(Arrays.copyOfRange(order, half, order.length));
        DeterministicMlp dense = start.network();
        ConfidentPruningResult result = new ConfidentPruning(alpha, delta).withLoss(loss).calibrate(dense,
                r -> pruner.toRatio(r).pruneOnly(dense, start.statistics(), split.train()), ratioGrid, calibration);
        console.printf("%nconfident pruning (%s, %s risk, alpha %.3f, delta %.3f, %d calibration examples)%n", criterion,
                loss.name(), alpha, delta, calibration.size());
        console.printf("%8s %12s %12s%n", "ratio", "emp. risk", "p-value");
        for (int k = 0; k < result.ratios().length; k++) {
            console.printf("%8.2f %12.4f %12.3g%s%n", result.ratios()[k], result.empiricalRisks()[k], result.pValues()[k],
                    k < result.rejectedCount() ? "  certified" : "");
        }
        console.println(result.message());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("criterion", criterion.name());
        report.put("calibration", result);
        report.put("certifiedRatio", result.certified() ? result.certifiedRatio().getAsDouble() : null);
        if (result.certified()) {
            double certified = result.certifiedRatio().getAsDouble();
            DeterministicMlp pruned = pruner.toRatio(certified).pruneOnly(dense, start.statistics(), split.train());
            double evaluationRisk = meanLoss(loss, dense, pruned, evaluation);
            console.printf("certified ratio %.2f: widths %s, risk on the %d held-out evaluation examples %.4f (alpha %.3f), "
                    + "accuracy %.4f (dense %.4f)%n", certified, Arrays.toString(pruned.widths()), evaluation.size(),
                    evaluationRisk, alpha, pruned.accuracy(evaluation), dense.accuracy(evaluation));
            report.put("widthsAfter", pruned.widths());
            report.put("evaluationRisk", evaluationRisk);
            report.put("evaluationAccuracy", pruned.accuracy(evaluation));
            report.put("denseEvaluationAccuracy", dense.accuracy(evaluation));
            saveModel(console, pruned, split, certified);
        }
        AtomicFileWriter.write(out.resolve("confident.json"), Json.pretty(report));
        console.println("wrote " + out.resolve("confident.json").toAbsolutePath());
        return 0;
    }

    private static double meanLoss(CalibrationLoss loss, DeterministicMlp dense, DeterministicMlp pruned, LabeledData data) {
        org.nd4j.linalg.api.ndarray.INDArray x = org.parsimony.variational.data.Minibatch.of(data,
                java.util.stream.IntStream.range(0, data.size()).toArray(), 0, data.size()).features();
        double[] losses = loss.losses(dense.logits(x), pruned.logits(x), data.labels());
        return Arrays.stream(losses).average().orElse(Double.NaN);
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
