package org.parsimony.experiments.plots;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.parsimony.experiments.study.ResultCell;
import org.parsimony.experiments.study.StudyMethod;
import org.parsimony.variational.io.AtomicFileWriter;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a study's PNG plots to its output directory, atomically, with names that say what they show:
 * {@code accuracy-vs-params-DATASET-ARCH.png}, {@code accuracy-vs-flops-DATASET-ARCH.png} and
 * {@code units-variational-DATASET-ARCH.png}. The charts are drawn only from the runs, with a fixed size, fonts and
 * no timestamps, so the same {@code runs.csv} gives the same images.
 */
public final class PlotFiles {
    /** Width of every plot in pixels. */
    public static final int WIDTH = 800;
    /** Height of every plot in pixels. */
    public static final int HEIGHT = 560;

    private PlotFiles() {
    }

    /** Writes every plot of {@code cells} into {@code dir} and returns the files written, in order. */
    public static List<Path> write(List<ResultCell> cells, Path dir) {
        Map<List<String>, List<ResultCell>> groups = groups(cells);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<List<String>, List<ResultCell>> group : groups.entrySet()) {
            String suffix = fileSafe(group.getKey().get(0)) + "-" + fileSafe(group.getKey().get(1)) + ".png";
            List<ResultCell> curves = group.getValue();
            if (curves.stream().anyMatch(c -> !c.method().equals(StudyMethod.dense.name()))) {
                for (AccuracyPlot.Axis axis : AccuracyPlot.Axis.values()) {
                    files.add(save(AccuracyPlot.chart(curves, axis), dir.resolve("accuracy-vs-" + axis.fileTag() + "-" + suffix)));
                }
            }
            for (ResultCell c : curves) {
                if (c.method().equals(StudyMethod.variational.name())) {
                    files.add(save(UnitsPlot.chart(c), dir.resolve("units-variational-" + suffix)));
                }
            }
        }
        return files;
    }

    /** The cells grouped by (data set, architecture), in order of first appearance; plots are headless from here. */
    private static Map<List<String>, List<ResultCell>> groups(List<ResultCell> cells) {
        System.setProperty("java.awt.headless", "true");
        Map<List<String>, List<ResultCell>> groups = new LinkedHashMap<>();
        for (ResultCell c : cells) {
            groups.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    /**
     * Writes a weight study's plots into {@code dir}, one per (data set, architecture):
     * {@code accuracy-vs-kept-weights-DATASET-ARCH.png} ({@link KeptWeightsPlot}); returns the files written, in order.
     */
    public static List<Path> writeWeightCurves(List<ResultCell> cells, Path dir) {
        Map<List<String>, List<ResultCell>> groups = groups(cells);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<List<String>, List<ResultCell>> group : groups.entrySet()) {
            if (group.getValue().stream().anyMatch(c -> !c.method().equals(StudyMethod.dense.name()))) {
                files.add(save(KeptWeightsPlot.chart(group.getValue()), dir.resolve("accuracy-vs-kept-weights-"
                        + fileSafe(group.getKey().get(0)) + "-" + fileSafe(group.getKey().get(1)) + ".png")));
            }
        }
        return files;
    }

    /**
     * Writes the robustness preset's two plots ({@link RobustnessPlots}) into {@code dir}: units against starting width,
     * and accuracy and units against the training-set size of the study's base architecture (the one whose trainer
     * variants ran, else the first with a variational run).
     */
    public static List<Path> writeRobustness(List<ResultCell> cells, java.util.function.ToIntFunction<String> trainSize,
                                             Path dir) {
        System.setProperty("java.awt.headless", "true");
        String variational = StudyMethod.variational.name();
        String firstArch = cells.stream().filter(c -> c.method().startsWith(variational + "[")).findFirst()
                .or(() -> cells.stream().filter(c -> c.method().equals(variational)).findFirst())
                .orElse(cells.get(0)).arch();
        return List.of(save(RobustnessPlots.unitsAgainstWidth(cells), dir.resolve("robustness-units-vs-width.png")),
                save(RobustnessPlots.againstTrainingSize(cells, firstArch, trainSize),
                        dir.resolve("robustness-vs-training-size-" + fileSafe(firstArch) + ".png")));
    }

    /** The common look: white background, fixed fonts, legend to the right of the plot. */
    static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14));
        styler.setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        styler.setAntiAlias(true);
    }

    /** {@code mlp:20,10} becomes {@code mlp-20-10}. */
    static String fileSafe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.]+", "-");
    }

    private static Path save(Chart<?, ?> chart, Path file) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            AtomicFileWriter.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw " + file + ": " + e.getMessage(), e);
        }
    }
}
