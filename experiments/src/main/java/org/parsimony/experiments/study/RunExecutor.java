package org.parsimony.experiments.study;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the pending runs of a study execute: on threads of this JVM ({@link LocalRunExecutor}) or as the tasks of a
 * Spark cluster ({@code org.parsimony.experiments.spark.SparkRunExecutor}). {@link StudyRunner} keeps the ledger, the
 * progress line and the order of the study; an executor only trains runs and hands back what they measured.
 */
public interface RunExecutor {

    /** How the runs execute, for the study's first line, e.g. {@code with 2 workers}. */
    String describe();

    /**
     * Executes {@code pending} and hands each finished run to {@code finished} as soon as it is back (on any thread,
     * one call at a time per run); returns when all have finished. The first run that fails for good stops the study
     * with its exception (the runs handed back before stay recorded).
     */
    void execute(List<StudyRun> pending, StudyBudget budget, Consumer<RunResult> finished);
}
