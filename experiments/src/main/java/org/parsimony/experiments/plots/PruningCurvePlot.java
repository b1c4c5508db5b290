package org.parsimony.experiments.plots;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.parsimony.experiments.reproduce.CurveTable;
import org.parsimony.experiments.reproduce.WeightCurve;
import org.parsimony.experiments.results.MeanStd;
import org.parsimony.pruning.evaluation.CurvePoint;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A weight-level pruning curve as the MU and SiPP papers draw it: a quantity against the fraction of weights kept on a
 * log axis (so 50 % to 1 % kept are equally readable), one colour per method, mean over seeds with the std as error
 * bars; before retraining dashed, after retraining solid.
 */
public final class PruningCurvePlot {
    private static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x7F7F7F),
            new Color(0x9467BD), new Color(0xD62728), new Color(0xFF7F0E), new Color(0x8C564B)};

    private PruningCurvePlot() {
    }

    /** Accuracy before (dashed) and after (solid) retraining against the fraction of weights kept. */
    public static XYChart accuracy(String title, List<WeightCurve> curves, boolean withRetraining) {
        XYChart chart = base(title, "test accuracy");
        int c = 0;
        for (Map.Entry<String, List<WeightCurve>> m : CurveTable.byMethod(curves).entrySet()) {
            Color color = PALETTE[c++ % PALETTE.length];
            add(chart, m.getKey() + (withRetraining ? " before" : ""), m.getValue(), CurvePoint::accuracyBefore, color,
                    withRetraining);
            if (withRetraining) {
                add(chart, m.getKey() + " after", m.getValue(), CurvePoint::accuracyAfter, color, false);
            }
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    /** The relative output error before retraining against the fraction of weights kept. */
    public static XYChart relativeError(String title, List<WeightCurve> curves) {
        XYChart chart = base(title, "relative output error ||f' - f|| / ||f||");
        int c = 0;
        for (Map.Entry<String, List<WeightCurve>> m : CurveTable.byMethod(curves).entrySet()) {
            add(chart, m.getKey(), m.getValue(), CurvePoint::relativeError, PALETTE[c++ % PALETTE.length], false);
        }
        return chart;
    }

    /** An empty chart with the log x axis and the common style. */
    public static XYChart base(String title, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(PlotFiles.WIDTH).height(PlotFiles.HEIGHT).title(title)
                .xAxisTitle("fraction of weights kept (log)").yAxisTitle(yTitle).build();
        PlotFiles.style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
    }

    private static void add(XYChart chart, String name, List<WeightCurve> seeds, ToDoubleFunction<CurvePoint> quantity,
                            Color color, boolean dashed) {
        int n = seeds.get(0).points().size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] error = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = Math.max(1e-6, CurveTable.at(seeds, k, CurvePoint::keptFraction).mean());
            MeanStd v = CurveTable.at(seeds, k, quantity);
            y[k] = v.mean();
            error[k] = v.std();
        }
        XYSeries series = chart.addSeries(name, x, y, error);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        series.setLineColor(color);
        if (dashed) {
            series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
    }
}
