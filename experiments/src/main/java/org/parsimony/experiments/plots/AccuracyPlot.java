package org.parsimony.experiments.plots;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.parsimony.experiments.results.MeanStd;
import org.parsimony.experiments.study.ResultCell;
import org.parsimony.experiments.study.RunMeasurement;
import org.parsimony.experiments.study.StudyMethod;
import org.parsimony.pruning.criteria.PruningCriteria;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Accuracy after fine-tuning against the fraction of parameters (or FLOPs) kept, for one data set and architecture:
 * one curve per method through its ratios (x and y the means over seeds, error bars the std of the accuracy), the
 * variational method as one point, the dense baseline as a horizontal line.
 */
public final class AccuracyPlot {
    /** What the x axis counts. */
    public enum Axis {
        /** Fraction of weights and biases kept. */
        PARAMS("params", "fraction of parameters kept", RunMeasurement::paramsFraction),
        /** Fraction of multiply-adds kept. */
        FLOPS("flops", "fraction of FLOPs (multiply-adds) kept", RunMeasurement::flopsFraction);

        final String fileTag;
        final String title;
        final ToDoubleFunction<RunMeasurement> fraction;

        Axis(String fileTag, String title, ToDoubleFunction<RunMeasurement> fraction) {
            this.fileTag = fileTag;
            this.title = title;
            this.fraction = fraction;
        }

        /** Short name used in file names. */
        public String fileTag() {
            return fileTag;
        }
    }

    /** The colours of the methods that are not a registered criterion. */
    private static final Map<String, Color> OWN_COLORS = Map.of(
            StudyMethod.variational.label(), new Color(0xD62728),
            StudyMethod.pfp.label(), new Color(0x8C564B),
            StudyMethod.mu_var.label(), new Color(0x17BECF));
    /** The colours of the registered criteria, by their position in {@link PruningCriteria#all()}. */
    private static final Color[] CRITERION_COLORS = {new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x7F7F7F),
            new Color(0xFF7F0E), new Color(0x9467BD), new Color(0xE377C2), new Color(0xBCBD22), new Color(0x393B79)};

    private AccuracyPlot() {
    }

    /**
     * One fixed colour per method, so a method looks the same in every plot: its own for the variational method, pfp
     * and mu-var; for a registered criterion (and weight-level sipp) the colour of its position in the registry.
     */
    static Color color(String method) {
        Color own = OWN_COLORS.get(method);
        if (own != null) {
            return own;
        }
        int position = PruningCriteria.names().indexOf(method);
        return position < 0 ? new Color(0xFF7F0E) : CRITERION_COLORS[position % CRITERION_COLORS.length];
    }

    /**
     * The accuracy axis: the data (mean +- std of every cell, fine-tuned accuracy) with a margin of 0.02, in steps of
     * 0.05, clipped to [0, 1]; a study whose methods differ by a point is readable, one spanning chance to dense shows all.
     */
    static double[] accuracyRange(List<ResultCell> cells) {
        double low = 1;
        double high = 0;
        for (ResultCell c : cells) {
            MeanStd a = c.stat(RunMeasurement::accuracyAfter);
            low = Math.min(low, a.mean() - a.std());
            high = Math.max(high, a.mean() + a.std());
        }
        low = Math.max(0, Math.floor((low - 0.02) / 0.05) * 0.05);
        high = Math.min(1, Math.ceil((high + 0.02) / 0.05) * 0.05);
        return high > low ? new double[] {low, high} : new double[] {0, 1};
    }

    /** The chart of {@code cells}, which all belong to one (data set, architecture). */
    public static XYChart chart(List<ResultCell> cells, Axis axis) {
        ResultCell first = cells.get(0);
        XYChart chart = new XYChartBuilder().width(PlotFiles.WIDTH).height(PlotFiles.HEIGHT)
                .title("Accuracy vs " + axis.title + ": " + first.dataset() + " / " + first.arch())
                .xAxisTitle(axis.title).yAxisTitle("test accuracy after fine-tuning").build();
        PlotFiles.style(chart.getStyler());
        double[] yRange = accuracyRange(cells);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        Map<String, List<ResultCell>> byMethod = new LinkedHashMap<>();
        for (ResultCell c : cells) {
            byMethod.computeIfAbsent(c.method(), k -> new java.util.ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<ResultCell>> method : byMethod.entrySet()) {
            List<ResultCell> points = method.getValue();
            if (method.getKey().equals(StudyMethod.dense.name())) {
                double accuracy = points.get(0).stat(RunMeasurement::accuracyAfter).mean();
                XYSeries line = chart.addSeries("dense baseline", new double[] {0, 1}, new double[] {accuracy, accuracy});
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(Color.BLACK);
                line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                continue;
            }
            points = points.stream().sorted((a, b) -> Double.compare(a.stat(axis.fraction).mean(), b.stat(axis.fraction).mean()))
                    .toList();
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            double[] error = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                MeanStd accuracy = points.get(i).stat(RunMeasurement::accuracyAfter);
                x[i] = points.get(i).stat(axis.fraction).mean();
                y[i] = accuracy.mean();
                error[i] = accuracy.std();
            }
            XYSeries series = chart.addSeries(method.getKey(), x, y, error);
            boolean variational = method.getKey().equals(StudyMethod.variational.name());
            series.setMarker(variational ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            series.setMarkerColor(color(method.getKey()));
            series.setLineColor(color(method.getKey()));
        }
        return chart;
    }
}
