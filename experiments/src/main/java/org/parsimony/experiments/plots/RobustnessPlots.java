package org.parsimony.experiments.plots;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.parsimony.experiments.results.MeanStd;
import org.parsimony.experiments.study.ResultCell;
import org.parsimony.experiments.study.RunMeasurement;
import org.parsimony.experiments.study.StudyMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The two plots of the robustness preset: hidden units the variational method (trainer defaults) keeps against the
 * hidden units it started from, one line per data set (a robust method gives flat lines); and, for the first
 * architecture, test accuracy of the variational and the dense net and the units kept against the training-set size.
 */
public final class RobustnessPlots {
    private RobustnessPlots() {
    }

    /** Units kept (mean +- std over seeds) against starting units, both axes logarithmic, one series per data set. */
    public static XYChart unitsAgainstWidth(List<ResultCell> cells) {
        XYChart chart = new XYChartBuilder().width(PlotFiles.WIDTH).height(PlotFiles.HEIGHT)
                .title("Hidden units kept by the variational method against its starting width")
                .xAxisTitle("hidden units at the start").yAxisTitle("hidden units kept").build();
        PlotFiles.style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        Map<String, List<ResultCell>> byData = new LinkedHashMap<>();
        for (ResultCell c : cells) {
            if (c.method().equals(StudyMethod.variational.name())) {
                byData.computeIfAbsent(c.dataset(), k -> new ArrayList<>()).add(c);
            }
        }
        for (Map.Entry<String, List<ResultCell>> data : byData.entrySet()) {
            List<ResultCell> points = data.getValue().stream()
                    .sorted((a, b) -> Integer.compare(startUnits(a), startUnits(b))).toList();
            double[] x = points.stream().mapToDouble(RobustnessPlots::startUnits).toArray();
            double[] y = new double[x.length];
            double[] error = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                MeanStd kept = points.get(i).stat(RobustnessPlots::keptUnits);
                y[i] = kept.mean();
                error[i] = kept.std();
            }
            chart.addSeries(data.getKey(), x, y, error).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /**
     * Accuracy of the variational net (trainer defaults) and of the dense net of architecture {@code arch}, and the
     * hidden units kept (right axis), against the training-set size that {@code trainSize} gives for a data set name.
     */
    public static XYChart againstTrainingSize(List<ResultCell> cells, String arch, ToIntFunction<String> trainSize) {
        XYChart chart = new XYChartBuilder().width(PlotFiles.WIDTH).height(PlotFiles.HEIGHT)
                .title("Accuracy and units kept against training-set size: " + arch)
                .xAxisTitle("training examples").yAxisTitle("test accuracy").build();
        PlotFiles.style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        chart.setYAxisGroupTitle(1, "hidden units kept");
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        for (String method : List.of(StudyMethod.variational.name(), StudyMethod.dense.name())) {
            List<ResultCell> points = cells.stream().filter(c -> c.arch().equals(arch) && c.method().equals(method))
                    .sorted((a, b) -> Integer.compare(trainSize.applyAsInt(a.dataset()), trainSize.applyAsInt(b.dataset())))
                    .toList();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(c -> trainSize.applyAsInt(c.dataset())).toArray();
            addSeries(chart, method + " accuracy", x, points, RunMeasurement::accuracyAfter, 0);
            if (method.equals(StudyMethod.variational.name())) {
                addSeries(chart, "variational units kept", x, points, RobustnessPlots::keptUnits, 1);
            }
        }
        return chart;
    }

    private static void addSeries(XYChart chart, String name, double[] x, List<ResultCell> points,
                                  java.util.function.ToDoubleFunction<RunMeasurement> quantity, int axis) {
        double[] y = new double[x.length];
        double[] error = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            MeanStd s = points.get(i).stat(quantity);
            y[i] = s.mean();
            error[i] = s.std();
        }
        XYSeries series = chart.addSeries(name, x, y, error);
        series.setYAxisGroup(axis);
        series.setMarker(axis == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
    }

    private static int startUnits(ResultCell c) {
        return Arrays.stream(c.runs().get(0).measurement().unitsStart()).sum();
    }

    private static double keptUnits(RunMeasurement m) {
        return Arrays.stream(m.unitsKept()).sum();
    }
}
