package org.parsimony.experiments.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a study measured, as objects: every finished run of the study (this invocation's and those a previous one
 * left in the directory), grouped into the cells of the summary table. The same runs are in the directory's
 * {@code runs*.csv}.
 *
 * @param spec      the study
 * @param directory where its files are
 * @param outcome   how many runs this invocation executed and skipped
 * @param runs      the finished runs of the study, in {@link RunKey#ORDER}
 */
public record StudyResults(StudySpec spec, Path directory, StudyRunner.Outcome outcome, List<RunResult> runs) {

    /** @throws NullPointerException for a missing part */
    public StudyResults {
        runs = List.copyOf(runs);
    }

    /** The finished runs of {@code spec} among the runs recorded in {@code directory}. */
    static StudyResults of(StudySpec spec, Path directory, StudyRunner.Outcome outcome) {
        Set<RunKey> keys = spec.runs().stream().map(StudyRun::key).collect(Collectors.toSet());
        return new StudyResults(spec, directory, outcome,
                RunLedger.readAll(List.of(directory)).stream().filter(r -> keys.contains(r.key())).toList());
    }

    /** The runs grouped by (data set, architecture, method, ratio) over their seeds. */
    public List<ResultCell> cells() {
        return ResultCell.group(runs);
    }

    /**
     * The cell of {@code method} at {@code ratio} (as in {@code runs.csv}: {@code 0.5}, empty for dense, {@code auto}
     * for the variational method) on the first data set and architecture that has it.
     */
    public Optional<ResultCell> cell(String arch, String method, String ratio) {
        return cells().stream().filter(c -> c.arch().equals(arch) && c.method().equals(method) && c.ratio().equals(ratio))
                .findFirst();
    }

    /** The summary table ({@code summary.md} without plots) of these runs. */
    public String summary() {
        return SummaryTable.markdown(runs, spec.budget().statement(), List.of());
    }
}
