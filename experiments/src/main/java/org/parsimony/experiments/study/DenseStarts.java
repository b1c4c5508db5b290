package org.parsimony.experiments.study;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The dense starts of a study, trained once per (data set, architecture, seed) by the first run that needs one while
 * the others wait for it, and dropped when the last run that needs it has finished (so memory holds only the starts
 * in use).
 */
final class DenseStarts {
    private final Map<StudyRun.DenseKey, CompletableFuture<Timed>> cache = new HashMap<>();
    private final Map<StudyRun.DenseKey, Integer> users = new HashMap<>();

    /** A dense start and the seconds its training took. */
    record Timed(TrainedDense dense, double seconds) {
    }

    DenseStarts(List<StudyRun> pending) {
        for (StudyRun run : pending) {
            if (run.needsDense()) {
                users.merge(run.denseKey(), 1, Integer::sum);
            }
        }
    }

    /** The dense start of {@code run}, trained by {@code train} if no run has asked for it yet. */
    Timed get(StudyRun run, Supplier<TrainedDense> train) {
        CompletableFuture<Timed> future;
        boolean mine;
        synchronized (this) {
            future = cache.get(run.denseKey());
            mine = future == null;
            if (mine) {
                future = new CompletableFuture<>();
                cache.put(run.denseKey(), future);
            }
        }
        if (mine) {
            long start = System.nanoTime();
            try {
                future.complete(new Timed(train.get(), (System.nanoTime() - start) / 1e9));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Notes that {@code run} no longer needs its dense start. */
    synchronized void release(StudyRun run) {
        if (run.needsDense() && users.merge(run.denseKey(), -1, Integer::sum) <= 0) {
            users.remove(run.denseKey());
            cache.remove(run.denseKey());
        }
    }
}
