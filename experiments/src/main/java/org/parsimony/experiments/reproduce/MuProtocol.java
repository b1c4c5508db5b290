package org.parsimony.experiments.reproduce;

import org.knowm.xchart.internal.chartpart.Chart;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.experiments.plots.PruningCurvePlot;
import org.parsimony.pruning.DenseStart;
import org.parsimony.experiments.pruning.OpenGateVariational;
import org.parsimony.experiments.results.MeanStd;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;
import org.parsimony.pruning.evaluation.CurvePoint;
import org.parsimony.pruning.evaluation.LayerRescaling;
import org.parsimony.pruning.evaluation.PruneRetrainCurve;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.policy.WeightPruningMethod;
import org.parsimony.pruning.policy.WeightRatioPolicy;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.network.DeterministicMlp;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MU (Ko, Oehmcke &amp; Gieseke, IEEE Big Data 2019): "MU prunes with less loss in predictive power than magnitude".
 * Per seed: the dense MLP trained with Adam, its weights pruned one-shot by magnitude {@code |w|}, MU
 * {@code |w| / sigma} with the pseudo-bootstrap sigma over the last updates, and random, on the ratio grid, before and
 * after retraining with the mask fixed; optionally the variational net (gates frozen open) pruned by magnitude and by MU
 * with its posterior sigma. Then the scale-invariance demonstration: the dense net's first hidden layer rescaled by
 * {@code c} and the next by {@code 1/c} (the same function), pruned by <em>global</em> rankings (a layer-wise ranking
 * is trivially unaffected by scaling a whole layer): the weights whose fate changes, for magnitude and for MU.
 */
public final class MuProtocol {
    static final String MAGNITUDE = "magnitude";
    static final String MU = "mu-pseudo-bootstrap";
    static final String RANDOM = "random";
    static final String MAGNITUDE_VARIATIONAL = "magnitude[variational net]";
    static final String MU_VARIATIONAL = "mu-variational";

    private MuProtocol() {
    }

    /** Runs the protocol on {@code split} (already scaled), printing progress to {@code console}. */
    public static Reproduction run(ReproduceSettings settings, TrainTestSplit split, PrintStream console) {
        List<WeightCurve> curves = new ArrayList<>();
        List<Map<String, Object>> rescaling = new ArrayList<>();
        int[] widths = split.networkWidths(settings.hidden());
        for (long seed : settings.seeds()) {
            DenseStart start = settings.trainDense(widths, split, seed, console);
            DeterministicMlp dense = start.network();
            double denseAccuracy = dense.accuracy(split.test());
            console.printf(Locale.ROOT, "seed %d: dense accuracy %.4f%n", seed, denseAccuracy);
            PruneRetrainCurve curve = new PruneRetrainCurve(settings.retraining(seed));
            List<WeightPruningMethod> methods = List.of(
                    WeightPruningMethod.ranked(MAGNITUDE, new MagnitudeCriterion(), settings.scope(), dense, start.statistics()),
                    WeightPruningMethod.ranked(MU, new MagnitudeUncertaintyCriterion(), settings.scope(), dense, start.statistics()),
                    WeightPruningMethod.ranked(RANDOM, new RandomCriterion(seed), settings.scope(), dense, start.statistics()));
            for (WeightPruningMethod method : methods) {
                curves.add(new WeightCurve(seed, method.name(), denseAccuracy, curve.run(dense, method, settings.ratios(),
                        split.train(), split.test(), Progress.printer(console, seed))));
            }
            rescaling.add(rescaling(settings, split, start, seed, console));
            start.statistics().close();
            dense.close();
            if (settings.variationalEpochs() > 0) {
                curves.addAll(variational(settings, split, seed, curve, console));
            }
        }
        return report(settings, split, curves, rescaling);
    }

    /** The variational net (gates frozen open, so no unit is removed), pruned by magnitude and by MU with its posterior sigma. */
    private static List<WeightCurve> variational(ReproduceSettings settings, TrainTestSplit split, long seed,
                                                 PruneRetrainCurve curve, PrintStream console) {
        console.printf(Locale.ROOT, "seed %d: training the variational net (gates frozen open) for %d epochs%n", seed,
                settings.variationalEpochs());
        OpenGateVariational net = OpenGateVariational.train(settings.hidden(), split.train(), split.test(),
                settings.variationalEpochs(), seed);
        DeterministicMlp mean = net.network();
        PosteriorStatistics posterior = net.posterior();
        double accuracy = mean.accuracy(split.test());
        console.printf(Locale.ROOT, "seed %d: posterior-mean net accuracy %.4f%n", seed, accuracy);
        List<WeightCurve> curves = new ArrayList<>();
        for (WeightPruningMethod method : List.of(
                WeightPruningMethod.ranked(MAGNITUDE_VARIATIONAL, new MagnitudeCriterion(), settings.scope(), mean, posterior),
                WeightPruningMethod.ranked(MU_VARIATIONAL, new MagnitudeUncertaintyCriterion(), settings.scope(), mean, posterior))) {
            curves.add(new WeightCurve(seed, method.name(), accuracy, curve.run(mean, method, settings.ratios(),
                    split.train(), split.test(), Progress.printer(console, seed))));
        }
        mean.close();
        posterior.close();
        return curves;
    }

    /**
     * The scale-invariance demonstration on one seed: per ratio, the weights whose global magnitude mask and global MU
     * mask change when the first hidden layer is rescaled, and magnitude's accuracy before and after the rescaling.
     */
    private static Map<String, Object> rescaling(ReproduceSettings settings, TrainTestSplit split, DenseStart start,
                                                 long seed, PrintStream console) {
        LayerRescaling rescaled = LayerRescaling.of(start.network(), start.statistics(), 0, settings.rescaleFactor());
        List<Map<String, Object>> rows = new ArrayList<>();
        double sameFunction = Math.abs(rescaled.network().accuracy(split.test()) - start.network().accuracy(split.test()));
        for (double ratio : settings.ratios()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ratio", ratio);
            for (var criterion : List.of(new MagnitudeCriterion(), new MagnitudeUncertaintyCriterion())) {
                WeightRatioPolicy policy = new WeightRatioPolicy(criterion, ratio, RatioScope.GLOBAL);
                WeightMask before = policy.select(start.statistics());
                WeightMask after = policy.select(rescaled.statistics());
                String name = criterion instanceof MagnitudeCriterion ? MAGNITUDE : "mu";
                row.put(name + "ChangedWeights", before.differingWeights(after));
                DeterministicMlp original = before.apply(start.network());
                DeterministicMlp changed = after.apply(rescaled.network());
                row.put(name + "AccuracyOriginal", original.accuracy(split.test()));
                row.put(name + "AccuracyRescaled", changed.accuracy(split.test()));
                original.close();
                changed.close();
            }
            rows.add(row);
        }
        rescaled.network().close();
        rescaled.statistics().close();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seed", seed);
        result.put("layer", 0);
        result.put("factor", settings.rescaleFactor());
        result.put("accuracyChangeOfTheRescaledDenseNet", sameFunction);
        result.put("totalWeights", start.network().complexity().multiplyAdds());
        result.put("globalMasks", rows);
        console.printf(Locale.ROOT, "seed %d: rescaling layer 1 by %s changes %s of global magnitude's and %s of MU's masked weights "
                        + "(at ratio %s)%n", seed, settings.rescaleFactor(), rows.get(rows.size() - 1).get("magnitudeChangedWeights"),
                rows.get(rows.size() - 1).get("muChangedWeights"), settings.ratios()[settings.ratios().length - 1]);
        return result;
    }

    private static Reproduction report(ReproduceSettings settings, TrainTestSplit split, List<WeightCurve> curves,
                                       List<Map<String, Object>> rescaling) {
        boolean retrain = settings.retrainEpochs() > 0;
        MeanStd before = CurveTable.gridDifference(curves, MU, MAGNITUDE, CurvePoint::accuracyBefore);
        MeanStd after = CurveTable.gridDifference(curves, MU, MAGNITUDE, CurvePoint::accuracyAfter);
        long magnitudeChanged = 0;
        long muChanged = 0;
        for (Map<String, Object> r : rescaling) {
            for (Object row : (List<?>) r.get("globalMasks")) {
                magnitudeChanged += (Long) ((Map<?, ?>) row).get("magnitudeChangedWeights");
                muChanged += (Long) ((Map<?, ?>) row).get("muChangedWeights");
            }
        }
        StringBuilder verdict = new StringBuilder(String.format(Locale.ROOT,
                "MU's claim (less accuracy lost than magnitude, weight-level) %s: MU (pseudo-bootstrap) minus magnitude, "
                        + "mean over the grid, %s before retraining", before.mean() > 0 ? "holds" : "does not hold",
                CurveTable.points(before)));
        if (retrain) {
            verdict.append(String.format(Locale.ROOT, " and %s after", CurveTable.points(after)));
        }
        if (CurveTable.byMethod(curves).containsKey(MU_VARIATIONAL)) {
            verdict.append(String.format(Locale.ROOT, "; with a variational sigma %s before retraining",
                    CurveTable.points(CurveTable.gridDifference(curves, MU_VARIATIONAL, MAGNITUDE_VARIATIONAL,
                            CurvePoint::accuracyBefore))));
        }
        verdict.append(String.format(Locale.ROOT, " (%d seeds). Scale invariance: rescaling a layer by %s changed %d "
                        + "global-mask decisions of magnitude and %d of MU over the grid and seeds.", settings.seeds().size(),
                settings.rescaleFactor(), magnitudeChanged, muChanged));
        StringBuilder table = new StringBuilder("# MU (Ko, Oehmcke & Gieseke 2019): weight-level pruning\n\n");
        table.append("**Verdict.** ").append(verdict).append("\n\n");
        table.append(Protocols.setup(settings, split)).append("\n\n");
        table.append(CurveTable.markdown(curves)).append('\n');
        table.append("## Scale invariance (global rankings; first hidden layer x c, next layer x 1/c)\n\n")
                .append("| seed | removed | magnitude: weights whose mask changed | magnitude accuracy original / rescaled "
                        + "| MU: weights whose mask changed | MU accuracy original / rescaled |\n|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : rescaling) {
            for (Object o : (List<?>) r.get("globalMasks")) {
                Map<?, ?> row = (Map<?, ?>) o;
                table.append(String.format(Locale.ROOT, "| %d | %.3f | %d | %.4f / %.4f | %d | %.4f / %.4f |%n", r.get("seed"),
                        row.get("ratio"), row.get("magnitudeChangedWeights"), row.get("magnitudeAccuracyOriginal"),
                        row.get("magnitudeAccuracyRescaled"), row.get("muChangedWeights"), row.get("muAccuracyOriginal"),
                        row.get("muAccuracyRescaled")));
            }
        }
        Map<String, Object> results = Protocols.results("mu", settings, split, verdict.toString());
        results.put("curves", curves);
        results.put("scaleInvariance", rescaling);
        Map<String, Chart<?, ?>> plots = new LinkedHashMap<>();
        plots.put("accuracy-vs-kept.png", PruningCurvePlot.accuracy("MU vs magnitude, weight-level: " + Protocols.label(split),
                curves, retrain));
        return new Reproduction("mu", verdict.toString(), table.toString(), results, plots);
    }
}
