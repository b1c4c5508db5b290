package org.parsimony.experiments.study;

import org.parsimony.experiments.results.MeanStd;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code summary.md}: per data set and architecture the dense baseline and, per method and ratio, the mean +- std
 * over seeds of the accuracy before and after fine-tuning, the parameters and FLOPs kept and the units kept per
 * layer. Depends only on the runs (rows sorted, no timestamps), so the same {@code runs.csv} gives the same file.
 */
public final class SummaryTable {
    private SummaryTable() {
    }

    /**
     * The Markdown text.
     *
     * @param results   finished runs
     * @param budget    the budget statement, or null when unknown (a report rebuilt from CSV files only)
     * @param plotFiles names of the plots to list, may be empty
     */
    public static String markdown(List<RunResult> results, String budget, List<String> plotFiles) {
        StringBuilder b = new StringBuilder("# Comparison study\n\n");
        b.append(results.size()).append(" finished runs. Accuracy is top-1 on the test set (a fraction); parameters and "
                + "FLOPs (multiply-adds per example) are kept fractions of the dense start; mean +- sample std over "
                + "seeds, n seeds per row.\n\n");
        if (budget != null) {
            b.append(budget).append("\n\n");
        }
        for (Map.Entry<List<String>, List<ResultCell>> group : byGroup(ResultCell.group(results)).entrySet()) {
            b.append("## ").append(group.getKey().get(0)).append(" / ").append(group.getKey().get(1)).append("\n\n");
            List<ResultCell> cells = group.getValue();
            cells.stream().filter(c -> c.method().equals(StudyMethod.dense.name())).findFirst().ifPresent(dense ->
                    b.append("Dense baseline accuracy: ").append(dense.stat(RunMeasurement::accuracyAfter).format())
                            .append(" (n = ").append(dense.runs().size()).append("; seeds ")
                            .append(dense.runs().stream().map(r -> Long.toString(r.key().seed())).collect(Collectors.joining(", ")))
                            .append("), hidden units ").append(Arrays.toString(dense.runs().get(0).measurement().unitsStart()))
                            .append("\n\n"));
            b.append("| method | ratio | accuracy before fine-tuning | accuracy after fine-tuning | params kept | FLOPs kept "
                    + "| units kept (mean) | seconds (mean) | n |\n|---|---|---|---|---|---|---|---|---|\n");
            for (ResultCell c : cells) {
                if (c.method().equals(StudyMethod.dense.name())) {
                    continue;
                }
                b.append("| ").append(c.method()).append(" | ").append(c.ratio()).append(" | ")
                        .append(c.stat(RunMeasurement::accuracyBefore).format()).append(" | ")
                        .append(c.stat(RunMeasurement::accuracyAfter).format()).append(" | ")
                        .append(c.stat(RunMeasurement::paramsFraction).percent()).append(" | ")
                        .append(c.stat(RunMeasurement::flopsFraction).percent()).append(" | ")
                        .append(c.meanUnitsKept()).append(" | ")
                        .append(String.format(java.util.Locale.ROOT, "%.1f", MeanStd.of(c.runs().stream()
                                .mapToDouble(RunResult::seconds).toArray()).mean())).append(" | ")
                        .append(c.runs().size()).append(" |\n");
            }
            b.append('\n');
        }
        if (!plotFiles.isEmpty()) {
            b.append("Plots: ").append(plotFiles.stream().map(f -> "`" + f + "`").collect(Collectors.joining(", "))).append('\n');
        }
        return b.toString();
    }

    /** Cells by (data set, architecture), in order. */
    static Map<List<String>, List<ResultCell>> byGroup(List<ResultCell> cells) {
        Map<List<String>, List<ResultCell>> groups = new LinkedHashMap<>();
        for (ResultCell c : cells) {
            groups.computeIfAbsent(c.group(), k -> new java.util.ArrayList<>()).add(c);
        }
        return groups;
    }
}
