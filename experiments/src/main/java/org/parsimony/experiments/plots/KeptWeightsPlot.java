package org.parsimony.experiments.plots;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.parsimony.experiments.results.MeanStd;
import org.parsimony.experiments.study.ResultCell;
import org.parsimony.experiments.study.RunMeasurement;
import org.parsimony.experiments.study.StudyMethod;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A weight study's curves, as the MU and SiPP papers draw them: test accuracy against the fraction of weights kept
 * (non-zero weights over all weights) on a log axis, so that 50 % to 1 % kept are equally readable; one colour per
 * method, before fine-tuning dashed and after fine-tuning solid, mean over seeds with the std as error bars; the dense
 * baseline as a black line.
 */
public final class KeptWeightsPlot {
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private KeptWeightsPlot() {
    }

    /** The chart of {@code cells}, which all belong to one (data set, architecture). */
    public static XYChart chart(List<ResultCell> cells) {
        ResultCell first = cells.get(0);
        XYChart chart = PruningCurvePlot.base("Weight-level pruning: " + first.dataset() + " / " + first.arch(),
                "test accuracy");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        Map<String, List<ResultCell>> byMethod = new LinkedHashMap<>();
        for (ResultCell c : cells) {
            byMethod.computeIfAbsent(c.method(), k -> new ArrayList<>()).add(c);
        }
        double smallest = cells.stream().mapToDouble(c -> c.stat(RunMeasurement::flopsFraction).mean()).min().orElse(0.01);
        for (Map.Entry<String, List<ResultCell>> method : byMethod.entrySet()) {
            List<ResultCell> points = method.getValue();
            if (method.getKey().equals(StudyMethod.dense.name())) {
                double accuracy = points.get(0).stat(RunMeasurement::accuracyAfter).mean();
                XYSeries line = chart.addSeries("dense baseline", new double[] {Math.max(1e-6, smallest), 1},
                        new double[] {accuracy, accuracy});
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(Color.BLACK);
                continue;
            }
            points = points.stream().sorted((a, b) -> Double.compare(a.stat(RunMeasurement::flopsFraction).mean(),
                    b.stat(RunMeasurement::flopsFraction).mean())).toList();
            Color color = AccuracyPlot.color(method.getKey());
            add(chart, method.getKey() + " before fine-tuning", points, RunMeasurement::accuracyBefore, color, true);
            add(chart, method.getKey() + " after fine-tuning", points, RunMeasurement::accuracyAfter, color, false);
        }
        return chart;
    }

    private static void add(XYChart chart, String name, List<ResultCell> points, ToDoubleFunction<RunMeasurement> accuracy,
                            Color color, boolean dashed) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        double[] error = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            MeanStd a = points.get(i).stat(accuracy);
            x[i] = Math.max(1e-6, points.get(i).stat(RunMeasurement::flopsFraction).mean());
            y[i] = a.mean();
            error[i] = a.std();
        }
        XYSeries series = chart.addSeries(name, x, y, error);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        series.setLineColor(color);
        if (dashed) {
            series.setLineStyle(DASHED);
        }
    }
}
