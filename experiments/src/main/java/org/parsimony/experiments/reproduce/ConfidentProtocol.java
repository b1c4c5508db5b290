package org.parsimony.experiments.reproduce;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.experiments.plots.PruningCurvePlot;
import org.parsimony.pruning.confidence.ClopperPearson;
import org.parsimony.pruning.confidence.ConfidentCoverage;
import org.parsimony.pruning.confidence.ConfidentPruning;
import org.parsimony.pruning.confidence.CoverageResult;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.policy.WeightPruningMethod;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.policy.UnitRatioPolicy;
import org.parsimony.pruning.surgery.SparsityReport;
import org.parsimony.pruning.surgery.UnitSurgery;
import org.parsimony.variational.network.DeterministicMlp;

import java.awt.Color;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Confident pruning (Alvarez, arXiv 2408.04759): "the certified ratio's risk is at most alpha with probability at least
 * 1 - delta". Per seed: the dense MLP, pruned by weight magnitude (as in the paper; or hidden units by the L2 norm of
 * their weights, removed by surgery) on the ratio grid (without retraining, so the
 * certified network is the one the guarantee is about), the disagreement with the dense prediction as the risk; the test
 * set split at random {@code R} times into calibration and test parts ({@link ConfidentCoverage}). Reports the empirical
 * coverage (splits whose certified ratio has test risk {@code <= alpha}) with its Clopper-Pearson interval, next to the
 * naive choice (largest ratio with calibration risk {@code <= alpha}), and the ratios certified.
 */
public final class ConfidentProtocol {
    private ConfidentProtocol() {
    }

    /** Runs the protocol on {@code split} (already scaled), printing progress to {@code console}. */
    public static Reproduction run(ReproduceSettings settings, TrainTestSplit split, boolean units, PrintStream console) {
        int[] widths = split.networkWidths(settings.hidden());
        int calibration = settings.calibrationSize();
        if (calibration >= split.test().size()) {
            throw new IllegalArgumentException("--calibration " + calibration + " leaves no test part: the test set has "
                    + split.test().size() + " examples");
        }
        ConfidentPruning procedure = new ConfidentPruning(settings.alpha(), settings.delta());
        List<CoverageResult> coverage = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        List<Double> denseAccuracies = new ArrayList<>();
        for (long seed : settings.seeds()) {
            console.printf(Locale.ROOT, "seed %d: training the dense %s for %d epochs%n", seed,
                    java.util.Arrays.toString(widths), settings.denseEpochs());
            DeterministicMlp dense = new DeterministicTrainer(settings.denseTraining(seed))
                    .train(DeterministicTrainer.initialize(widths, seed), split.train());
            denseAccuracies.add(dense.accuracy(split.test()));
            PosteriorStatistics statistics = PosteriorStatistics.pointEstimate(dense);
            WeightPruningMethod magnitude = WeightPruningMethod.ranked("magnitude", new MagnitudeCriterion(),
                    settings.scope(), dense, statistics);
            Map<Double, DeterministicMlp> pruned = new HashMap<>();
            double[] keptFraction = new double[settings.ratios().length];
            for (int k = 0; k < keptFraction.length; k++) {
                double ratio = settings.ratios()[k];
                DeterministicMlp p = units
                        ? UnitSurgery.apply(dense, new UnitRatioPolicy(new MagnitudeCriterion(), ratio, settings.scope())
                        .select(statistics, settings.hidden()))
                        : magnitude.prune(ratio).network();
                pruned.put(ratio, p);
                keptFraction[k] = units ? (double) p.complexity().parameters() / dense.complexity().parameters()
                        : SparsityReport.of(p).weightDensity();
            }
            kept.add(keptFraction);
            CoverageResult result = new ConfidentCoverage(procedure, settings.splits(), calibration, seed)
                    .run(dense, pruned::get, settings.ratios(), split.test());
            coverage.add(result);
            console.printf(Locale.ROOT, "seed %d: dense accuracy %.4f; certified ratio covered on %d of %d splits (naive %d), "
                            + "mean certified ratio %.3f (naive %.3f)%n", seed, denseAccuracies.get(denseAccuracies.size() - 1),
                    result.certifiedCovered(), settings.splits(), result.naiveCovered(),
                    CoverageResult.meanOf(result.certifiedRatios()), CoverageResult.meanOf(result.naiveRatios()));
            pruned.values().forEach(DeterministicMlp::close);
            statistics.close();
            dense.close();
        }
        return report(settings, split, units, coverage, kept, denseAccuracies);
    }

    private static Reproduction report(ReproduceSettings settings, TrainTestSplit split, boolean units,
                                       List<CoverageResult> coverage,
                                       List<double[]> kept, List<Double> denseAccuracies) {
        int splits = coverage.stream().mapToInt(c -> c.splits().size()).sum();
        int certifiedCovered = coverage.stream().mapToInt(CoverageResult::certifiedCovered).sum();
        int naiveCovered = coverage.stream().mapToInt(CoverageResult::naiveCovered).sum();
        ClopperPearson certifiedInterval = ClopperPearson.of(certifiedCovered, splits, 0.95);
        ClopperPearson naiveInterval = ClopperPearson.of(naiveCovered, splits, 0.95);
        double promised = 1 - settings.delta();
        double[] certified = coverage.stream().flatMapToDouble(c -> java.util.Arrays.stream(c.certifiedRatios())).toArray();
        double[] naive = coverage.stream().flatMapToDouble(c -> java.util.Arrays.stream(c.naiveRatios())).toArray();
        long none = java.util.Arrays.stream(certified).filter(Double::isNaN).count();
        String verdict = String.format(Locale.ROOT, "Confident pruning's guarantee (risk <= %s with probability >= %s) %s: "
                        + "the certified ratio kept it on %d of %d splits, coverage %.3f [%.3f, %.3f] (95 %% Clopper-Pearson), "
                        + "against %.3f [%.3f, %.3f] for the naive choice; mean ratio certified %.3f (naive %.3f), none "
                        + "certified on %d splits (%d seeds x %d splits, n = %d calibration examples).", settings.alpha(), promised,
                certifiedInterval.upper() >= promised ? "holds" : "does not hold", certifiedCovered, splits,
                (double) certifiedCovered / splits, certifiedInterval.lower(), certifiedInterval.upper(),
                (double) naiveCovered / splits, naiveInterval.lower(), naiveInterval.upper(),
                CoverageResult.meanOf(certified), CoverageResult.meanOf(naive), none, settings.seeds().size(),
                settings.splits(), settings.calibrationSize());
        StringBuilder table = new StringBuilder("# Confident pruning (Alvarez 2024): coverage over random splits\n\n");
        table.append("**Verdict.** ").append(verdict).append("\n\n");
        table.append(String.format(Locale.ROOT, "Setup: %s; MLP with hidden widths %s trained with Adam for %d epochs; "
                        + "%s ranked by magnitude %s, no retraining; risk = disagreement with the dense prediction; "
                        + "alpha %s, delta %s; the %d test examples split %d times at random into %d calibration and %d test "
                        + "examples; seeds %s.%n%n", split.source(), java.util.Arrays.toString(settings.hidden()),
                settings.denseEpochs(), units ? "hidden units (L2 norm of their weights)" : "weights",
                settings.scope().name().toLowerCase(Locale.ROOT).replace('_', '-'), settings.alpha(),
                settings.delta(), split.test().size(), settings.splits(), settings.calibrationSize(),
                split.test().size() - settings.calibrationSize(), settings.seeds()));
        table.append("| seed | dense accuracy | certified coverage | naive coverage | mean certified ratio | mean naive ratio "
                + "| splits with nothing certified |\n|---|---|---|---|---|---|---|\n");
        for (int s = 0; s < coverage.size(); s++) {
            CoverageResult c = coverage.get(s);
            ClopperPearson ci = c.certifiedInterval();
            ClopperPearson ni = c.naiveInterval();
            table.append(String.format(Locale.ROOT, "| %d | %.4f | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %.3f | %.3f | %d |%n",
                    settings.seeds().get(s), denseAccuracies.get(s), c.certifiedCoverage(), ci.lower(), ci.upper(),
                    c.naiveCoverage(), ni.lower(), ni.upper(), CoverageResult.meanOf(c.certifiedRatios()),
                    CoverageResult.meanOf(c.naiveRatios()), c.splits().size() - c.certifiedSplits()));
        }
        table.append("\n## Ratios: held-out risk and how often each was chosen\n\n| seed | removed | " + (units ? "parameters"
                : "weights") + " kept | risk on the "
                + "whole test set | certified on splits | naive on splits |\n|---|---|---|---|---|---|\n");
        for (int s = 0; s < coverage.size(); s++) {
            CoverageResult c = coverage.get(s);
            for (int k = 0; k < c.ratios().length; k++) {
                double r = c.ratios()[k];
                long cert = java.util.Arrays.stream(c.certifiedRatios()).filter(v -> v == r).count();
                long nai = java.util.Arrays.stream(c.naiveRatios()).filter(v -> v == r).count();
                table.append(String.format(Locale.ROOT, "| %d | %.3f | %.2f %% | %.4f | %d | %d |%n", settings.seeds().get(s), r,
                        100 * kept.get(s)[k], c.heldOutRisks()[k], cert, nai));
            }
        }
        Map<String, Object> results = Protocols.results("confident", settings, split, verdict);
        results.put("denseAccuracies", denseAccuracies);
        results.put("certifiedCovered", certifiedCovered);
        results.put("naiveCovered", naiveCovered);
        results.put("splits", splits);
        results.put("certifiedInterval", certifiedInterval);
        results.put("naiveInterval", naiveInterval);
        results.put("granularity", units ? "units" : "weights");
        results.put("keptFractions", kept);
        results.put("perSeed", coverage);
        Map<String, Chart<?, ?>> plots = new LinkedHashMap<>();
        plots.put("risk-vs-kept.png", riskChart(split, settings, coverage, kept));
        return new Reproduction("confident", verdict, table.toString(), results, plots);
    }

    /** Each seed's risk on the whole test set against the weights kept, with alpha as a line. */
    private static XYChart riskChart(TrainTestSplit split, ReproduceSettings settings, List<CoverageResult> coverage,
                                     List<double[]> kept) {
        XYChart chart = PruningCurvePlot.base("Disagreement with the dense net vs kept: " + Protocols.label(split),
                "risk (disagreement) on the test set");
        double low = 1;
        for (int s = 0; s < coverage.size(); s++) {
            double[] x = kept.get(s).clone();
            for (int k = 0; k < x.length; k++) {
                x[k] = Math.max(1e-6, x[k]);
                low = Math.min(low, x[k]);
            }
            XYSeries series = chart.addSeries("seed " + settings.seeds().get(s), x, coverage.get(s).heldOutRisks());
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        XYSeries alpha = chart.addSeries("alpha", new double[] {low, 1}, new double[] {settings.alpha(), settings.alpha()});
        alpha.setMarker(SeriesMarkers.NONE);
        alpha.setLineColor(Color.BLACK);
        return chart;
    }
}
