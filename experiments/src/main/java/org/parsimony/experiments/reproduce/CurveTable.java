package org.parsimony.experiments.reproduce;

import org.parsimony.experiments.results.MeanStd;
import org.parsimony.pruning.evaluation.CurvePoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Pruning curves over seeds: per method and ratio, the mean +- std over seeds of the weights kept, the accuracy before
 * and after retraining and the relative output error, as a Markdown table and as the points of a plot.
 */
public final class CurveTable {
    private CurveTable() {
    }

    /** The curves grouped by method, in first-seen order. */
    public static Map<String, List<WeightCurve>> byMethod(List<WeightCurve> curves) {
        Map<String, List<WeightCurve>> methods = new LinkedHashMap<>();
        for (WeightCurve c : curves) {
            methods.computeIfAbsent(c.method(), k -> new ArrayList<>()).add(c);
        }
        return methods;
    }

    /** Point {@code k}'s {@code quantity} over the seeds of one method. */
    public static MeanStd at(List<WeightCurve> seeds, int k, ToDoubleFunction<CurvePoint> quantity) {
        return MeanStd.of(seeds.stream().mapToDouble(c -> quantity.applyAsDouble(c.points().get(k))).toArray());
    }

    /**
     * Over seeds, the mean over the grid of {@code a}'s quantity minus {@code b}'s, paired by seed and ratio: the
     * number a verdict quotes.
     *
     * @throws IllegalArgumentException if a method is missing or their grids differ
     */
    public static MeanStd gridDifference(List<WeightCurve> curves, String a, String b, ToDoubleFunction<CurvePoint> quantity) {
        Map<String, List<WeightCurve>> methods = byMethod(curves);
        List<WeightCurve> first = methods.get(a);
        List<WeightCurve> second = methods.get(b);
        if (first == null || second == null || first.size() != second.size()) {
            throw new IllegalArgumentException("cannot pair methods " + a + " and " + b);
        }
        double[] perSeed = new double[first.size()];
        for (int s = 0; s < perSeed.length; s++) {
            List<CurvePoint> p = first.get(s).points();
            List<CurvePoint> q = second.get(s).points();
            if (p.size() != q.size()) {
                throw new IllegalArgumentException("methods " + a + " and " + b + " ran on different grids");
            }
            double sum = 0;
            for (int k = 0; k < p.size(); k++) {
                sum += quantity.applyAsDouble(p.get(k)) - quantity.applyAsDouble(q.get(k));
            }
            perSeed[s] = sum / p.size();
        }
        return MeanStd.of(perSeed);
    }

    /** The Markdown table, one row per method and ratio. */
    public static String markdown(List<WeightCurve> curves) {
        StringBuilder b = new StringBuilder("| method | removed | weights kept | accuracy before retraining "
                + "| accuracy after retraining | relative output error | n |\n|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<WeightCurve>> m : byMethod(curves).entrySet()) {
            List<WeightCurve> seeds = m.getValue();
            for (int k = 0; k < seeds.get(0).points().size(); k++) {
                b.append(String.format(Locale.ROOT, "| %s | %.3f | %s | %s | %s | %s | %d |%n", m.getKey(),
                        seeds.get(0).points().get(k).ratio(), at(seeds, k, CurvePoint::keptFraction).percent(),
                        at(seeds, k, CurvePoint::accuracyBefore).percent(), at(seeds, k, CurvePoint::accuracyAfter).percent(),
                        at(seeds, k, CurvePoint::relativeError).format(), seeds.size()));
            }
        }
        return b.toString();
    }

    /** {@code +1.23 +- 0.45 pts} for a difference of fractions. */
    public static String points(MeanStd difference) {
        return String.format(Locale.ROOT, "%+.2f +- %.2f pts", 100 * difference.mean(), 100 * difference.std());
    }
}
