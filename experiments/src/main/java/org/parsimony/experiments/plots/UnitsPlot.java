package org.parsimony.experiments.plots;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.parsimony.experiments.results.MeanStd;
import org.parsimony.experiments.study.ResultCell;

import java.util.ArrayList;
import java.util.List;

/**
 * Units kept per hidden layer by the variational method (mean over seeds, error bars the std) next to the units it
 * started from, one chart per data set and architecture.
 */
public final class UnitsPlot {
    private UnitsPlot() {
    }

    /** The bar chart of the variational cell {@code cell}. */
    public static CategoryChart chart(ResultCell cell) {
        CategoryChart chart = new CategoryChartBuilder().width(PlotFiles.WIDTH).height(PlotFiles.HEIGHT)
                .title("Units kept per layer by the variational method: " + cell.dataset() + " / " + cell.arch())
                .xAxisTitle("hidden layer").yAxisTitle("units").build();
        PlotFiles.style(chart.getStyler());
        List<String> layers = new ArrayList<>();
        List<Double> start = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        List<Double> error = new ArrayList<>();
        int[] unitsStart = cell.runs().get(0).measurement().unitsStart();
        for (int l = 0; l < cell.layers(); l++) {
            MeanStd units = cell.unitsKept(l);
            layers.add("layer " + (l + 1));
            start.add((double) unitsStart[l]);
            kept.add(units.mean());
            error.add(units.std());
        }
        chart.addSeries("start", layers, start);
        chart.addSeries("kept (mean +- std over " + cell.runs().size() + " seeds)", layers, kept, error);
        return chart;
    }
}
