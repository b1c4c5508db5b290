package org.parsimony.experiments.study;

import org.parsimony.experiments.results.MeanStd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The runs of one (data set, architecture, method, ratio) over its seeds: a cell of the summary table, a point of a
 * plot.
 *
 * @param dataset data set name
 * @param arch    architecture name
 * @param method  method name
 * @param ratio   ratio text as in {@link RunKey}
 * @param runs    the runs, one per seed
 */
public record ResultCell(String dataset, String arch, String method, String ratio, List<RunResult> runs) {

    /** Groups {@code results} into cells, in {@link RunKey#ORDER}. */
    public static List<ResultCell> group(List<RunResult> results) {
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> RunKey.ORDER.compare(a.key(), b.key()));
        Map<List<String>, List<RunResult>> cells = new LinkedHashMap<>();
        for (RunResult r : sorted) {
            RunKey k = r.key();
            cells.computeIfAbsent(List.of(k.dataset(), k.arch(), k.method(), k.ratio()), x -> new ArrayList<>()).add(r);
        }
        return cells.entrySet().stream().map(e -> new ResultCell(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2),
                e.getKey().get(3), List.copyOf(e.getValue()))).toList();
    }

    /** Mean and std over seeds of one measured quantity. */
    public MeanStd stat(ToDoubleFunction<RunMeasurement> quantity) {
        return MeanStd.of(runs.stream().map(RunResult::measurement).mapToDouble(quantity).toArray());
    }

    /** Mean and std over seeds of the units kept in hidden layer {@code layer}. */
    public MeanStd unitsKept(int layer) {
        return stat(m -> m.unitsKept()[layer]);
    }

    /** Number of hidden layers. */
    public int layers() {
        return runs.get(0).measurement().unitsStart().length;
    }

    /** Mean units kept per layer, e.g. {@code 27.3-59.0}. */
    public String meanUnitsKept() {
        return IntStream.range(0, layers()).mapToObj(l -> String.format(Locale.ROOT, "%.1f", unitsKept(l).mean()))
                .collect(Collectors.joining("-"));
    }

    /** The (data set, architecture) the cell belongs to. */
    public List<String> group() {
        return List.of(dataset, arch);
    }
}
