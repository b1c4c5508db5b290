package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Executes a study's runs on a bounded pool of threads of this JVM, one run per task; the runs that share a dense
 * start train it once ({@link DenseStarts}) and it is dropped when the last of them has finished.
 */
public final class LocalRunExecutor implements RunExecutor {
    private final int workers;

    /** @param workers runs executed at the same time, >= 1 */
    public LocalRunExecutor(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        this.workers = workers;
    }

    @Override
    public java.util.Map<String, Object> settings() {
        return java.util.Map.of("workers", workers);
    }

    @Override
    public String describe() {
        return "with " + workers + " worker" + (workers == 1 ? "" : "s");
    }

    @Override
    public void execute(List<StudyRun> pending, StudyBudget budget, Function<String, TrainTestSplit> datasets,
                        Consumer<RunResult> finished) {
        DenseStarts denseStarts = new DenseStarts(pending);
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "study-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (StudyRun run : pending) {
                futures.add(pool.submit(() -> finished.accept(
                        RunTraining.execute(run, datasets.apply(run.key().dataset()), budget, denseStarts))));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
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
