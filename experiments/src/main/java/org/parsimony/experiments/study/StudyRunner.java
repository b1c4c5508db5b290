package org.parsimony.experiments.study;

import org.parsimony.experiments.data.TrainTestSplit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs the runs of a study that belong to a shard and are not yet in the ledger, on a bounded pool of workers, and
 * records each in the ledger as soon as it finishes. Every run is seeded by its own seed only, so the numbers do not
 * depend on the number of workers, the shard, or on which runs a previous, killed invocation finished.
 */
public final class StudyRunner {
    private final StudySpec spec;
    private final Function<String, TrainTestSplit> datasets;
    private final RunLedger ledger;
    private final int workers;
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
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        this.spec = spec;
        this.datasets = datasets;
        this.ledger = ledger;
        this.workers = workers;
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
        out.printf("study: %d runs%s; skipped %d finished run%s, %d to run with %d worker%s%n", all.size(),
                shard.isAll() ? "" : " (shard " + shard.index() + "/" + shard.count() + ": " + mine.size() + ")", skipped,
                skipped == 1 ? "" : "s", pending.size(), workers, workers == 1 ? "" : "s");
        out.flush();
        checkBeforeTheFirstRun(pending);
        StudyProgress progress = new StudyProgress(out, pending.size());
        DenseStarts denseStarts = new DenseStarts(pending);
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "study-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (StudyRun run : pending) {
                futures.add(pool.submit(() -> {
                    RunResult result = execute(run, denseStarts);
                    ledger.record(result);
                    progress.finished(result);
                }));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
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
            for (Architecture arch : pending.stream().filter(r -> r.key().dataset().equals(dataset)).map(StudyRun::arch)
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

    private RunResult execute(StudyRun run, DenseStarts denseStarts) {
        TrainTestSplit data = datasets.apply(run.key().dataset());
        Architecture arch = run.arch();
        long seed = run.key().seed();
        try {
            if (run.method() == StudyMethod.dense) {
                DenseStarts.Timed dense = denseStarts.get(run, () -> arch.trainDense(data, spec.budget(), seed));
                return new RunResult(run.key(), dense.dense().baseline(), dense.seconds());
            }
            if (run.method() == StudyMethod.variational) {
                long start = System.nanoTime();
                RunMeasurement m = arch.trainVariational(data, spec.budget(), seed, run.variant());
                return new RunResult(run.key(), m, (System.nanoTime() - start) / 1e9);
            }
            DenseStarts.Timed dense = denseStarts.get(run, () -> arch.trainDense(data, spec.budget(), seed));
            long start = System.nanoTime();
            RunMeasurement m = arch.prune(dense.dense(), run.method().criterion(), run.ratio(), seed, data, spec.budget());
            return new RunResult(run.key(), m, (System.nanoTime() - start) / 1e9);
        } finally {
            denseStarts.release(run);
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the study's runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
