package org.parsimony.experiments.study;

import org.parsimony.experiments.data.TrainTestSplit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs of a study that one task of a cluster executes one after another: the pending runs that share a dense start
 * (the dense baseline and every criterion and ratio of one data set, architecture and seed), which the task trains
 * once for all of them, or a lone variational run. Grouping keeps a cluster from training a dense start once per
 * criterion run; the results are those of the runs trained alone, as each run is seeded by its own seed.
 * Serializable, so that Spark can ship it to an executor.
 *
 * @param runs the runs, in study order, all on one data set
 */
public record RunGroup(List<StudyRun> runs) implements Serializable {

    /** @throws IllegalArgumentException if there is no run or the runs are on more than one data set */
    public RunGroup {
        runs = List.copyOf(runs);
        if (runs.isEmpty() || runs.stream().map(r -> r.key().dataset()).distinct().count() != 1) {
            throw new IllegalArgumentException("a run group needs runs on one data set, got " + runs);
        }
    }

    /** The groups of {@code pending}, in the study order of their first runs. */
    public static List<RunGroup> of(List<StudyRun> pending) {
        Map<Object, List<StudyRun>> groups = new LinkedHashMap<>();
        for (StudyRun run : pending) {
            Object group = run.needsDense() ? run.denseKey() : run.key();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(run);
        }
        return groups.values().stream().map(RunGroup::new).toList();
    }

    /** The data set of every run of the group. */
    public String dataset() {
        return runs.get(0).key().dataset();
    }

    /** Trains the runs one after another on {@code data} (their data set), the dense start once for all. */
    public List<RunResult> execute(TrainTestSplit data, StudyBudget budget) {
        DenseStarts denseStarts = new DenseStarts(runs);
        List<RunResult> results = new ArrayList<>();
        for (StudyRun run : runs) {
            results.add(RunTraining.execute(run, data, budget, denseStarts));
        }
        return results;
    }
}
