package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A study's pending runs as the tasks of a cluster, one run per task: in the order of the local workers (the runs that
 * share a dense start adjacent, the dense run first), each trained on the JVM that executes its task. The dense starts
 * are shared by the runs of this study that a JVM executes ({@link DenseStarts}, one per JVM and study): a start is
 * trained once while any of them holds it, as on the local workers, and dropped when the last run of the study that
 * needs it has finished here or, on an executor that trains only some of them, once more than
 * {@value #IDLE_STARTS_KEPT} starts are held by no run (least recently used first). Counting the runs that hold a
 * start bounds what an executor keeps by its cores plus that constant, whichever executors Spark chooses for the
 * tasks; the order makes the runs of a start follow one another, so a start is rarely needed again once dropped.
 * Serializable, so that Spark can ship it to the executors.
 */
public final class ClusterRuns implements Serializable {
    /** Starts held by no run that an executor keeps, for a run of the same start that comes next. */
    static final int IDLE_STARTS_KEPT = 4;
    /** The dense starts of the study this JVM executes runs of; a JVM serves one study at a time. */
    private static Shared shared;

    private final String study = UUID.randomUUID().toString();
    private final List<StudyRun> runs;

    private record Shared(String study, DenseStarts starts) {
    }

    /** The runs of {@code pending}, in the order of {@link #runs()}. */
    public ClusterRuns(List<StudyRun> pending) {
        Map<Object, List<StudyRun>> byStart = new LinkedHashMap<>();
        for (StudyRun run : pending) {
            byStart.computeIfAbsent(run.needsDense() ? run.denseKey() : run.key(), k -> new ArrayList<>()).add(run);
        }
        this.runs = byStart.values().stream()
                .flatMap(g -> g.stream().sorted(Comparator.comparing(r -> r.method() != StudyMethod.dense)))
                .toList();
    }

    /** The runs, one per task: those sharing a dense start adjacent, the dense run first, else in study order. */
    public List<StudyRun> runs() {
        return runs;
    }

    /** Trains {@code run}, one of {@link #runs()}, on {@code data} (its data set), with this JVM's dense starts. */
    public RunResult execute(StudyRun run, TrainTestSplit data, StudyBudget budget) {
        return RunTraining.execute(run, data, budget, denseStarts());
    }

    /** The dense starts of this study in this JVM (of the first run of it that the JVM executes). */
    DenseStarts denseStarts() {
        synchronized (ClusterRuns.class) {
            if (shared == null || !shared.study().equals(study)) {
                shared = new Shared(study, new DenseStarts(runs, IDLE_STARTS_KEPT));
            }
            return shared.starts();
        }
    }
}
