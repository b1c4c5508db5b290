package org.parsimony.experiments.reproduce;

import org.knowm.xchart.internal.chartpart.Chart;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.experiments.plots.PruningCurvePlot;
import org.parsimony.pruning.DenseStart;
import org.parsimony.experiments.results.MeanStd;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;
import org.parsimony.pruning.criteria.sipp.EmpiricalSensitivity;
import org.parsimony.pruning.criteria.sipp.SippWeightPruner;
import org.parsimony.pruning.evaluation.CurvePoint;
import org.parsimony.pruning.evaluation.IsolatedRetraining;
import org.parsimony.pruning.evaluation.PruneRetrainCurve;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.policy.WeightPruningMethod;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SiPP (Baykal, Liebenwein, Gilitschenski, Feldman &amp; Rus, SIMODS 2021): "sensitivity-informed pruning removes
 * weights with a provably small relative error, less than magnitude pruning at the same sparsity". Per seed: the dense
 * MLP, pruned one-shot on the ratio grid by SiPP (hybrid deterministic / importance sampling, its own allocation of the
 * sample budget over layers; sensitivities on a seeded draw of training examples), magnitude and random; relative output
 * error and accuracy before and after retraining. Then the "trained in isolation" experiment: each method's mask at the
 * isolation ratios applied to the dense net's initial weights and trained from scratch for the dense budget.
 */
public final class SippProtocol {
    static final String SIPP = "sipp";
    static final String MAGNITUDE = "magnitude";
    static final String RANDOM = "random";

    private SippProtocol() {
    }

    /** Runs the protocol on {@code split} (already scaled), printing progress to {@code console}. */
    public static Reproduction run(ReproduceSettings settings, TrainTestSplit split, PrintStream console) {
        List<WeightCurve> curves = new ArrayList<>();
        List<Map<String, Object>> isolation = new ArrayList<>();
        int[] widths = split.networkWidths(settings.hidden());
        for (long seed : settings.seeds()) {
            DenseStart start = settings.trainDense(widths, split, seed, console);
            DeterministicMlp dense = start.network();
            double denseAccuracy = dense.accuracy(split.test());
            console.printf(Locale.ROOT, "seed %d: dense accuracy %.4f; SiPP sensitivities on %d training examples%n", seed,
                    denseAccuracy, Math.min(settings.sensitivityBatch(), split.train().size()));
            LabeledData batch = sensitivityBatch(split.train(), settings.sensitivityBatch(), seed);
            SippWeightPruner sipp = new SippWeightPruner(dense, EmpiricalSensitivity.of(dense, batch));
            List<WeightPruningMethod> methods = List.of(
                    WeightPruningMethod.sipp(SIPP, sipp, seed),
                    WeightPruningMethod.ranked(MAGNITUDE, new MagnitudeCriterion(), settings.scope(), dense, start.statistics()),
                    WeightPruningMethod.ranked(RANDOM, new RandomCriterion(seed), settings.scope(), dense, start.statistics()));
            PruneRetrainCurve curve = new PruneRetrainCurve(settings.retraining(seed));
            for (WeightPruningMethod method : methods) {
                curves.add(new WeightCurve(seed, method.name(), denseAccuracy, curve.run(dense, method, settings.ratios(),
                        split.train(), split.test(), Progress.printer(console, seed))));
            }
            IsolatedRetraining isolated = new IsolatedRetraining(settings.denseTraining(seed));
            for (double ratio : settings.isolationRatios()) {
                for (WeightPruningMethod method : methods) {
                    DeterministicMlp initial = DeterministicTrainer.initialize(widths, seed);
                    DeterministicMlp trained = isolated.train(initial, method.prune(ratio).mask(), split.train());
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("seed", seed);
                    row.put("method", method.name());
                    row.put("ratio", ratio);
                    row.put("accuracy", trained.accuracy(split.test()));
                    row.put("denseAccuracy", denseAccuracy);
                    isolation.add(row);
                    console.printf(Locale.ROOT, "seed %d isolation %-10s removed %.3f: trained from the initial weights "
                            + "%.4f (dense %.4f)%n", seed, method.name(), ratio, row.get("accuracy"), denseAccuracy);
                    initial.close();
                    trained.close();
                }
            }
            start.statistics().close();
            dense.close();
        }
        return report(settings, split, curves, isolation);
    }

    /** A seeded draw of {@code size} training examples (all of them if fewer). */
    static LabeledData sensitivityBatch(LabeledData train, int size, long seed) {
        if (size >= train.size()) {
            return train;
        }
        int[] picked = new java.util.SplittableRandom(seed).ints(0, train.size()).distinct().limit(size).toArray();
        return train.subset(picked);
    }

    private static Reproduction report(ReproduceSettings settings, TrainTestSplit split, List<WeightCurve> curves,
                                       List<Map<String, Object>> isolation) {
        boolean retrain = settings.retrainEpochs() > 0;
        MeanStd error = CurveTable.gridDifference(curves, SIPP, MAGNITUDE, CurvePoint::relativeError);
        MeanStd before = CurveTable.gridDifference(curves, SIPP, MAGNITUDE, CurvePoint::accuracyBefore);
        MeanStd after = CurveTable.gridDifference(curves, SIPP, MAGNITUDE, CurvePoint::accuracyAfter);
        StringBuilder verdict = new StringBuilder(String.format(Locale.ROOT,
                "SiPP's claim (smaller relative error than magnitude at the same sparsity) %s: SiPP minus magnitude, mean "
                        + "over the grid, relative error %+.4f +- %.4f, accuracy before retraining %s",
                error.mean() < 0 ? "holds" : "does not hold", error.mean(), error.std(), CurveTable.points(before)));
        if (retrain) {
            verdict.append(String.format(Locale.ROOT, ", after %s", CurveTable.points(after)));
        }
        for (double ratio : settings.isolationRatios()) {
            MeanStd gap = MeanStd.of(isolation.stream().filter(r -> r.get("method").equals(SIPP) && (double) r.get("ratio") == ratio)
                    .mapToDouble(r -> (double) r.get("accuracy") - (double) r.get("denseAccuracy")).toArray());
            verdict.append(String.format(Locale.ROOT, "; its mask at %.0f %% trained in isolation ends %s from the dense "
                    + "accuracy", 100 * ratio, CurveTable.points(gap)));
        }
        verdict.append(String.format(Locale.ROOT, " (%d seeds).", settings.seeds().size()));
        StringBuilder table = new StringBuilder("# SiPP (Baykal et al. 2021): weight-level pruning\n\n");
        table.append("**Verdict.** ").append(verdict).append("\n\n");
        table.append(Protocols.setup(settings, split)).append(String.format(Locale.ROOT, " SiPP: hybrid mode, delta = 1e-16, "
                + "C = 3, its own budget allocation over all weights, sensitivities on %d training examples.%n%n",
                settings.sensitivityBatch()));
        table.append(CurveTable.markdown(curves)).append('\n');
        if (!isolation.isEmpty()) {
            table.append("## Trained in isolation (mask on the initial weights, retrained from scratch for ")
                    .append(settings.denseEpochs()).append(" epochs)\n\n| method | removed | accuracy | dense | difference | n |\n"
                            + "|---|---|---|---|---|---|\n");
            Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
            for (Map<String, Object> r : isolation) {
                groups.computeIfAbsent(r.get("method") + "@" + r.get("ratio"), k -> new ArrayList<>()).add(r);
            }
            for (List<Map<String, Object>> g : groups.values()) {
                MeanStd acc = MeanStd.of(g.stream().mapToDouble(r -> (double) r.get("accuracy")).toArray());
                MeanStd dense = MeanStd.of(g.stream().mapToDouble(r -> (double) r.get("denseAccuracy")).toArray());
                MeanStd diff = MeanStd.of(g.stream().mapToDouble(r -> (double) r.get("accuracy") - (double) r.get("denseAccuracy")).toArray());
                table.append(String.format(Locale.ROOT, "| %s | %.3f | %s | %s | %s | %d |%n", g.get(0).get("method"),
                        g.get(0).get("ratio"), acc.percent(), dense.percent(), CurveTable.points(diff), g.size()));
            }
        }
        Map<String, Object> results = Protocols.results("sipp", settings, split, verdict.toString());
        results.put("curves", curves);
        results.put("isolation", isolation);
        Map<String, Chart<?, ?>> plots = new LinkedHashMap<>();
        plots.put("accuracy-vs-kept.png", PruningCurvePlot.accuracy("SiPP vs magnitude, weight-level: " + Protocols.label(split),
                curves, retrain));
        plots.put("relative-error-vs-kept.png", PruningCurvePlot.relativeError("Relative output error before retraining: "
                + Protocols.label(split), curves));
        return new Reproduction("sipp", verdict.toString(), table.toString(), results, plots);
    }
}
