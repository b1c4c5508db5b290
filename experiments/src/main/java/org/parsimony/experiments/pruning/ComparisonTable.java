package org.parsimony.experiments.pruning;

import org.parsimony.pruning.StructuredPruningResult;
import org.parsimony.experiments.results.MeanStd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tables of a structured pruning comparison: every run as CSV, and per (criterion, ratio) the mean and sample standard
 * deviation over seeds as Markdown, criteria as rows and ratios as columns.
 */
public final class ComparisonTable {
    private static final String CSV_HEADER = "criterion,ratio,seed,widthsAfter,paramsAfter,flopsAfter,accuracyDense,"
            + "accuracyPruned,accuracyFineTuned,flopReduction,measuredSpeedUp";

    private final List<StructuredPruningResult> runs;

    public ComparisonTable(List<StructuredPruningResult> runs) {
        this.runs = List.copyOf(runs);
    }

    /** One line per run. */
    public String csv() {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (StructuredPruningResult r : runs) {
            b.append(String.format(Locale.ROOT, "%s,%.4f,%d,%s,%d,%d,%.4f,%.4f,%.4f,%.3f,%.3f%n", r.criterion(), r.ratio(),
                    r.seed(), java.util.Arrays.toString(r.widthsAfter()).replace(", ", "-").replace("[", "").replace("]", ""),
                    r.paramsAfter(), r.flopsAfter(), r.accuracyDense(), r.accuracyPruned(), r.accuracyFineTuned(),
                    r.flopReduction(), r.measuredSpeedUp()));
        }
        return b.toString();
    }

    /** Mean +- std of the fine-tuned test accuracy, plus the dense baseline and the measured speed-ups. */
    public String markdown() {
        TreeSet<Double> ratios = new TreeSet<>();
        Map<String, Map<Double, List<StructuredPruningResult>>> cells = new LinkedHashMap<>();
        for (StructuredPruningResult r : runs) {
            ratios.add(r.ratio());
            cells.computeIfAbsent(r.criterion(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.ratio(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder b = new StringBuilder("Test accuracy after fine-tuning, mean +- std over seeds (n per cell)\n\n| criterion |");
        for (double ratio : ratios) {
            b.append(String.format(Locale.ROOT, " %.0f%% units removed |", 100 * ratio));
        }
        b.append("\n|---|");
        b.append("---|".repeat(ratios.size())).append('\n');
        for (Map.Entry<String, Map<Double, List<StructuredPruningResult>>> row : cells.entrySet()) {
            b.append("| ").append(row.getKey()).append(" |");
            for (double ratio : ratios) {
                List<StructuredPruningResult> cell = row.getValue().getOrDefault(ratio, List.of());
                b.append(' ').append(meanStd(cell.stream().mapToDouble(StructuredPruningResult::accuracyFineTuned).toArray()))
                        .append(" (").append(cell.size()).append(") |");
            }
            b.append('\n');
        }
        double[] dense = runs.stream().mapToDouble(StructuredPruningResult::accuracyDense).distinct().toArray();
        b.append("\nDense baseline accuracy: ").append(meanStd(dense)).append(" over ").append(dense.length).append(" seeds\n");
        b.append("\nFLOP reduction and measured inference speed-up (mean over runs)\n\n| ratio | FLOP reduction | measured speed-up |\n|---|---|---|\n");
        for (double ratio : ratios) {
            double[] flops = runs.stream().filter(r -> r.ratio() == ratio).mapToDouble(StructuredPruningResult::flopReduction).toArray();
            double[] speed = runs.stream().filter(r -> r.ratio() == ratio).mapToDouble(StructuredPruningResult::measuredSpeedUp).toArray();
            b.append(String.format(Locale.ROOT, "| %.0f%% | %.2fx | %.2fx |%n", 100 * ratio, mean(flops), mean(speed)));
        }
        return b.toString();
    }

    static String meanStd(double[] values) {
        return MeanStd.of(values).format();
    }

    private static double mean(double[] values) {
        return MeanStd.of(values).mean();
    }
}
