package org.parsimony.experiments.study;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code robustness.md}: whether the variational method lands on the same structure from different starting widths.
 * Per data set and starting architecture: the units kept per hidden layer, the parameters kept and the accuracy,
 * each as mean +- std over seeds.
 */
public final class RobustnessTable {
    private RobustnessTable() {
    }

    /** The Markdown text over the variational runs among {@code results}. */
    public static String markdown(List<RunResult> results, String budget) {
        List<ResultCell> cells = ResultCell.group(results).stream()
                .filter(c -> c.method().equals(StudyMethod.variational.name())).toList();
        StringBuilder b = new StringBuilder("# Robustness of the variational structure to the starting width\n\n");
        b.append("Each row trains the variational network from a different starting width; a robust method keeps about "
                + "the same units whatever it starts from. Mean +- sample std over seeds.\n\n");
        if (budget != null) {
            b.append(budget).append("\n\n");
        }
        b.append("| data set | start | units kept per layer | params kept | accuracy | n |\n|---|---|---|---|---|---|\n");
        for (ResultCell c : cells) {
            String units = IntStream.range(0, c.layers()).mapToObj(l -> c.unitsKept(l).units())
                    .collect(Collectors.joining(" / "));
            b.append("| ").append(c.dataset()).append(" | ").append(c.arch()).append(' ')
                    .append(Arrays.toString(c.runs().get(0).measurement().unitsStart())).append(" | ").append(units)
                    .append(" | ").append(c.stat(RunMeasurement::paramsFraction).percent()).append(" | ")
                    .append(c.stat(RunMeasurement::accuracyAfter).format()).append(" | ").append(c.runs().size())
                    .append(" |\n");
        }
        return b.toString();
    }
}
