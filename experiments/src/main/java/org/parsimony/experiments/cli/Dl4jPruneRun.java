package org.parsimony.experiments.cli;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.dl4j.DependencyGraph;
import org.parsimony.dl4j.Dl4jData;
import org.parsimony.dl4j.Dl4jModelFile;
import org.parsimony.dl4j.Dl4jNetwork;
import org.parsimony.dl4j.Dl4jPruner;
import org.parsimony.dl4j.Dl4jPruning;
import org.parsimony.dl4j.GroupStatistics;
import org.parsimony.dl4j.PseudoBootstrapListener;
import org.parsimony.dl4j.UnitGroup;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.criteria.CriterionNeed;
import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.io.AtomicFileWriter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code prune --model FILE.zip}: structured pruning of a user's DL4J {@code MultiLayerNetwork} or one-input one-output
 * {@code ComputationGraph} (residual couplings pruned together, {@link DependencyGraph}) with one criterion to
 * one ratio, layer-wise. MU's pseudo bootstrap is recorded over {@code window} DL4J updates first; the pruned network
 * is checked against the masked original on 100 test inputs, fine-tuned with DL4J's own {@code fit} (the model's own
 * updater) and written as {@code model.zip} beside {@code prune.json}.
 */
final class Dl4jPruneRun {
    /** Test inputs on which the pruned network is compared with the masked original. */
    static final int CHECKED_INPUTS = 100;

    private final Path model;
    private final CriterionType criterion;
    private final double ratio;
    private final int fineTuneEpochs;
    private final int batchSize;
    private final int window;
    private final long seed;

    Dl4jPruneRun(Path model, CriterionType criterion, double ratio, int fineTuneEpochs, int batchSize, int window, long seed) {
        if (criterion.needs(CriterionNeed.DATA) || criterion.needs(CriterionNeed.GATES) || criterion.needs(CriterionNeed.MLP)) {
            throw new IllegalArgumentException("--criterion " + criterion + " is not available for a DL4J model; use magnitude, mu or random");
        }
        this.model = model;
        this.criterion = criterion;
        this.ratio = ratio;
        this.fineTuneEpochs = fineTuneEpochs;
        this.batchSize = batchSize;
        this.window = window;
        this.seed = seed;
    }

    /** Prunes, fine-tunes and writes {@code out/model.zip} and {@code out/prune.json}. */
    int run(PrintStream console, TrainTestSplit split, Path out) {
        Dl4jNetwork net = Dl4jModelFile.read(model);
        Nd4j.getRandom().setSeed(seed);
        Dl4jData feed = new Dl4jData(net, split.train(), split.image());
        DependencyGraph graph = net.dependencyGraph();
        console.printf("model: %s, DL4J %s of %d layers, %d parameters; prunable groups:%n", model, net.className(),
                graph.layerCount(), net.numParams());
        graph.groups().forEach(g -> console.println("  " + g.describe()));
        graph.skipped().forEach(s -> console.println("  " + s));
        double dense = feed.accuracy(net, split.test());
        console.printf("dense test accuracy %.4f%n", dense);
        List<PosteriorStatistics> statistics;
        Double denseAfterRecording = null;
        if (criterion.needs(CriterionNeed.UNCERTAINTY)) {
            console.printf("recording the pseudo bootstrap over %d DL4J updates%n", window);
            PseudoBootstrapListener listener = new PseudoBootstrapListener(graph, window);
            var listeners = net.listeners();
            net.model().addListeners(listener);
            feed.fitSteps(split.train(), window, batchSize, seed);
            net.model().setListeners(listeners);
            statistics = GroupStatistics.fromPseudoBootstrap(net.model(), listener);
            denseAfterRecording = feed.accuracy(net, split.test());
        } else {
            statistics = GroupStatistics.pointEstimate(net.model(), graph);
        }
        List<long[]> kept = new Dl4jPruner(criterion.create(seed), ratio).select(graph, statistics);
        Dl4jNetwork pruned = net.keep(graph, kept);
        int[] widthsAfter = Dl4jPruning.widths(kept);
        double maskedDifference = maskedDifference(feed, net.mask(graph, kept), pruned, split.test());
        double prunedAccuracy = feed.accuracy(pruned, split.test());
        console.printf("pruned %s -> %s; max |pruned - masked| on %d test inputs %.2e; test accuracy %.4f before fine-tuning%n",
                Arrays.toString(graph.widths()), Arrays.toString(widthsAfter), CHECKED_INPUTS,
                maskedDifference, prunedAccuracy);
        Dl4jData prunedFeed = new Dl4jData(pruned, split.train(), split.image());
        long start = System.nanoTime();
        prunedFeed.fitAnnealed(split.train(), fineTuneEpochs, batchSize, seed, epoch -> console.printf(
                "fine-tune %d/%d (DL4J fit, learning rate annealed)  test acc %.4f  %.1fs%n", epoch, fineTuneEpochs,
                prunedFeed.accuracy(pruned, split.test()), (System.nanoTime() - start) / 1e9));
        double fineTuned = fineTuneEpochs == 0 ? prunedAccuracy : prunedFeed.accuracy(pruned, split.test());
        Dl4jModelFile.save(pruned.model(), out.resolve("model.zip"));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.toString());
        report.put("format", "dl4j-" + net.className().toLowerCase(java.util.Locale.ROOT));
        report.put("criterion", criterion.name());
        report.put("ratio", ratio);
        report.put("seed", seed);
        report.put("groups", graph.groups().stream().map(UnitGroup::describe).toList());
        report.put("leftAlone", graph.skipped());
        report.put("widthsBefore", graph.widths());
        report.put("widthsAfter", widthsAfter);
        report.put("kept", kept);
        report.put("paramsBefore", net.numParams());
        report.put("paramsAfter", pruned.numParams());
        report.put("accuracyDense", dense);
        report.put("accuracyDenseAfterBootstrapRecording", denseAfterRecording);
        report.put("accuracyPruned", prunedAccuracy);
        report.put("accuracyFineTuned", fineTuned);
        report.put("maskedMaxAbsDifference", maskedDifference);
        report.put("fineTuneEpochs", fineTuneEpochs);
        report.put("batchSize", batchSize);
        report.put("bootstrapWindow", criterion.needs(CriterionNeed.UNCERTAINTY) ? window : null);
        report.put("dataSource", split.source());
        AtomicFileWriter.write(out.resolve("prune.json"), Json.pretty(report));
        console.printf("test accuracy: dense %.4f, pruned %.4f, fine-tuned %.4f; parameters %d -> %d%n", dense,
                prunedAccuracy, fineTuned, net.numParams(), pruned.numParams());
        console.println("wrote " + out.resolve("model.zip").toAbsolutePath() + " and prune.json");
        return 0;
    }

    /** The largest output difference between the pruned network and the masked original on the first test inputs. */
    private static double maskedDifference(Dl4jData feed, Dl4jNetwork masked, Dl4jNetwork pruned, LabeledData test) {
        int n = Math.min(CHECKED_INPUTS, test.size());
        INDArray x = feed.minibatch(test, IntStream.range(0, n).toArray(), 0, n).getFeatures();
        return masked.output(x).sub(pruned.output(x)).amaxNumber().doubleValue();
    }
}
