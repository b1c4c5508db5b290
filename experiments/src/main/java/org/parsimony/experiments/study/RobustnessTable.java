package org.parsimony.experiments.study;

import org.parsimony.experiments.results.MeanStd;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code robustness.md}: whether the variational method lands on the same structure and accuracy whatever its starting
 * width and trainer settings, on each data set. Per data set, one row per (starting architecture, trainer variant):
 * units kept per layer, the hidden units kept relative to the first architecture's default row, parameters kept,
 * accuracy, the dense net of the same data and width (when the study has it) and the difference; each as mean +- std
 * over seeds.
 */
public final class RobustnessTable {
    private RobustnessTable() {
    }

    /** The Markdown text over the variational and dense runs among {@code results}. */
    public static String markdown(List<RunResult> results, String budget) {
        List<ResultCell> cells = ResultCell.group(results);
        StringBuilder b = new StringBuilder("# Robustness of the variational method\n\n");
        b.append("Each row trains the variational network from a starting width with the trainer's defaults or one "
                + "setting changed (`variational[init=2]`: initial weight scale x2; `lr=`: Adam's learning rate; "
                + "`batch=`: minibatch size). A robust method keeps about the same units and accuracy in every row of a "
                + "data set. \"units vs defaults\" compares the hidden units kept with the first row of the data set; "
                + "\"- dense\" is the accuracy difference to the dense net of the same data and width. Mean +- sample "
                + "std over seeds.\n\n");
        if (budget != null) {
            b.append(budget).append("\n\n");
        }
        Map<String, List<ResultCell>> byData = cells.stream()
                .collect(Collectors.groupingBy(ResultCell::dataset, java.util.LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<ResultCell>> data : byData.entrySet()) {
            List<ResultCell> variational = data.getValue().stream()
                    .filter(c -> c.method().startsWith(StudyMethod.variational.name())).toList();
            if (variational.isEmpty()) {
                continue;
            }
            double base = variational.get(0).stat(RobustnessTable::hiddenKept).mean();
            b.append("## ").append(data.getKey()).append("\n\n");
            b.append("| start | trainer | units kept per layer | units vs defaults | params kept | accuracy | dense | - dense | n |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (ResultCell c : variational) {
                String units = IntStream.range(0, c.layers()).mapToObj(l -> c.unitsKept(l).units())
                        .collect(Collectors.joining(" / "));
                MeanStd accuracy = c.stat(RunMeasurement::accuracyAfter);
                Optional<MeanStd> dense = data.getValue().stream()
                        .filter(d -> d.arch().equals(c.arch()) && d.method().equals(StudyMethod.dense.name())).findFirst()
                        .map(d -> d.stat(RunMeasurement::accuracyAfter));
                String denseText = dense.map(MeanStd::format).orElse("-");
                String gap = dense.map(d -> String.format(Locale.ROOT, "%+.2f pts", 100 * (accuracy.mean() - d.mean())))
                        .orElse("-");
                double kept = c.stat(RobustnessTable::hiddenKept).mean();
                String trainer = c.method().equals(StudyMethod.variational.name()) ? "defaults"
                        : c.method().substring(StudyMethod.variational.name().length());
                b.append("| ").append(c.arch()).append(' ').append(Arrays.toString(c.runs().get(0).measurement().unitsStart()))
                        .append(" | ").append(trainer).append(" | ").append(units).append(" | ")
                        .append(String.format(Locale.ROOT, "%+.0f %%", 100 * (kept / base - 1))).append(" | ")
                        .append(c.stat(RunMeasurement::paramsFraction).percent()).append(" | ").append(accuracy.format())
                        .append(" | ").append(denseText).append(" | ").append(gap).append(" | ").append(c.runs().size())
                        .append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static double hiddenKept(RunMeasurement m) {
        return Arrays.stream(m.unitsKept()).sum();
    }
}
