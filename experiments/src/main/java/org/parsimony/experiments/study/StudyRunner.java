package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the runs of a study that belong to a shard and are not yet in the ledger, on a {@link RunExecutor} (a bounded
 * pool of workers, or a Spark cluster), and records each in the ledger as soon as it is back. Every run is seeded by
 * its own seed only, so the numbers do not depend on the number of workers, the executor, the shard, or on which runs
 * a previous, killed invocation finished.
 */
public final class StudyRunner {
    private final StudySpec spec;
    private final Function<String, TrainTestSplit> datasets;
    private final RunLedger ledger;
    private final RunExecutor executor;
    private final Shard shard;
    private final PrintStream out;

    /**
     * @param spec     the study
     * @param datasets loads a data set by name (called once per name; may be called from worker threads)
     * @param ledger   where finished runs are looked up and recorded
     * @param workers  runs executed at the same time, >= 1
     * @param shard    the runs to execute
     * @param out      progress lines
     */
    public StudyRunner(StudySpec spec, Function<String, TrainTestSplit> datasets, RunLedger ledger, int workers,
                       Shard shard, PrintStream out) {
        this(spec, datasets, ledger, new LocalRunExecutor(workers, datasets), shard, out);
    }

    /**
     * @param spec     the study
     * @param datasets loads a data set by name, for the checks before the first run
     * @param ledger   where finished runs are looked up and recorded
     * @param executor where the runs execute
     * @param shard    the runs to execute
     * @param out      progress lines
     */
    public StudyRunner(StudySpec spec, Function<String, TrainTestSplit> datasets, RunLedger ledger, RunExecutor executor,
                       Shard shard, PrintStream out) {
        this.spec = spec;
        this.datasets = datasets;
        this.ledger = ledger;
        this.executor = executor;
        this.shard = shard;
        this.out = out;
    }

    /** How many runs the study has, how many this invocation skipped as finished, and how many it executed. */
    public record Outcome(int inStudy, int inShard, int skipped, int executed) {
    }

    /**
     * Loads every data set of the runs still to execute and checks each architecture on it, so that a bad study fails
     * before anything is written; {@link #run()} repeats it.
     *
     * @throws IllegalArgumentException naming the architecture and data set that do not fit
     */
    public void check() {
        checkBeforeTheFirstRun(pending(mine(spec.runs())));
    }

    /** Executes the pending runs; the first failing run stops the study (finished runs stay recorded). */
    public Outcome run() {
        List<StudyRun> all = spec.runs();
        List<StudyRun> mine = mine(all);
        List<StudyRun> pending = pending(mine);
        int skipped = mine.size() - pending.size();
        out.printf("study: %d runs%s; skipped %d finished run%s, %d to run %s%n", all.size(),
                shard.isAll() ? "" : " (shard " + shard.index() + "/" + shard.count() + ": " + mine.size() + ")", skipped,
                skipped == 1 ? "" : "s", pending.size(), executor.describe());
        out.flush();
        checkBeforeTheFirstRun(pending);
        StudyProgress progress = new StudyProgress(out, pending.size());
        executor.execute(pending, spec.budget(), result -> {
            ledger.record(result);
            progress.finished(result);
        });
        return new Outcome(all.size(), mine.size(), skipped, pending.size());
    }

    private List<StudyRun> mine(List<StudyRun> all) {
        return all.stream().filter(r -> shard.contains(r.index())).toList();
    }

    private List<StudyRun> pending(List<StudyRun> mine) {
        return mine.stream().filter(r -> !ledger.isFinished(r.key())).toList();
    }

    /** Loads every data set of {@code pending} and checks each architecture on it: a bad study fails before any run. */
    private void checkBeforeTheFirstRun(List<StudyRun> pending) {
        for (String dataset : pending.stream().map(r -> r.key().dataset()).distinct().toList()) {
            TrainTestSplit data = datasets.apply(dataset);
            for (StudyArchitecture arch : pending.stream().filter(r -> r.key().dataset().equals(dataset)).map(StudyRun::arch)
                    .distinct().toList()) {
                try {
                    arch.check(data);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("architecture '" + arch.name() + "' on data set " + dataset + ": "
                            + e.getMessage(), e);
                }
            }
        }
    }
}
