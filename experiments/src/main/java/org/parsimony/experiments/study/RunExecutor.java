package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where the pending runs of a study execute: on threads of this JVM ({@link LocalRunExecutor}) or as the tasks of a
 * Spark cluster ({@code org.parsimony.experiments.spark.SparkRunExecutor}). {@link StudyRunner} keeps the ledger, the
 * progress line and the order of the study; an executor only trains runs and hands back what they measured.
 */
public interface RunExecutor {

    /** How the runs execute, for the study's first line, e.g. {@code with 2 workers}. */
    String describe();

    /** How the runs execute, for {@code study.json}: the number of workers and, where it says more, the executor. */
    Map<String, Object> settings();

    /**
     * Executes {@code pending} and hands each finished run to {@code finished} as soon as it is back (on any thread,
     * one call at a time per run); returns when all have finished. The first run that fails for good stops the study
     * with its exception (the runs handed back before stay recorded).
     *
     * @param data the data sets by name, scaled as the budget says (an executor on other machines loads its own)
     */
    void execute(List<StudyRun> pending, StudyBudget budget, Function<String, TrainTestSplit> data,
                 Consumer<RunResult> finished);
}
