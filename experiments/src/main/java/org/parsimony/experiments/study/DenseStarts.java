package org.parsimony.experiments.study;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The dense starts of a study, trained once per (data set, architecture, seed) by the first run that needs one while
 * the others wait for it, and dropped when the last run of the study that needs it has finished (so memory holds only
 * the starts in use). A JVM that executes only some of a study's runs (an executor of a cluster) never sees the last
 * run of most starts: it keeps at most {@code idleKept} starts that no run holds at the moment, dropping the least
 * recently used first. A start whose training failed is dropped, so that a retried run trains it again.
 */
final class DenseStarts {
    /** Runs of the study, per start, that have not finished yet. */
    private final Map<StudyRun.DenseKey, Integer> users = new HashMap<>();
    /** The starts asked for, least recently used first. */
    private final LinkedHashMap<StudyRun.DenseKey, Start> starts = new LinkedHashMap<>(16, 0.75f, true);
    private final int idleKept;

    /** A dense start and the seconds its training took. */
    record Timed(TrainedDense dense, double seconds) {
    }

    /** A start being trained or trained, and how many runs hold it now. */
    private static final class Start {
        final CompletableFuture<Timed> future = new CompletableFuture<>();
        int holders;
    }

    /** The starts of {@code pending}, each kept until its last run has finished. */
    DenseStarts(List<StudyRun> pending) {
        this(pending, Integer.MAX_VALUE);
    }

    /**
     * The starts of {@code pending}, each kept until its last run has finished or, once no run holds it, until more
     * than {@code idleKept} starts are held by no run.
     */
    DenseStarts(List<StudyRun> pending, int idleKept) {
        if (idleKept < 0) {
            throw new IllegalArgumentException("idle dense starts kept must be >= 0, got " + idleKept);
        }
        this.idleKept = idleKept;
        for (StudyRun run : pending) {
            if (run.needsDense()) {
                users.merge(run.denseKey(), 1, Integer::sum);
            }
        }
    }

    /** The dense start of {@code run}, trained by {@code train} if no run holds it; hold it until {@link #release}. */
    Timed get(StudyRun run, Supplier<TrainedDense> train) {
        Start start;
        boolean mine;
        synchronized (this) {
            start = starts.get(run.denseKey());
            mine = start == null;
            if (mine) {
                start = new Start();
                starts.put(run.denseKey(), start);
            }
            start.holders++;
        }
        if (mine) {
            long began = System.nanoTime();
            try {
                start.future.complete(new Timed(train.get(), (System.nanoTime() - began) / 1e9));
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    starts.remove(run.denseKey(), start);
                }
                start.future.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return start.future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Notes that {@code run} has finished (or failed) and no longer holds its dense start. */
    synchronized void release(StudyRun run) {
        if (!run.needsDense()) {
            return;
        }
        Start start = starts.get(run.denseKey());
        if (start != null && start.holders > 0) {
            start.holders--;
        }
        if (users.merge(run.denseKey(), -1, Integer::sum) <= 0) {
            users.remove(run.denseKey());
            starts.remove(run.denseKey());
        } else {
            dropIdleBeyondTheBound();
        }
    }

    /** How many starts are in memory (held or idle): for tests. */
    synchronized int size() {
        return starts.size();
    }

    private void dropIdleBeyondTheBound() {
        long idle = starts.values().stream().filter(s -> s.holders == 0).count();
        for (Iterator<Start> it = starts.values().iterator(); idle > idleKept && it.hasNext(); ) {
            if (it.next().holders == 0) {
                it.remove();
                idle--;
            }
        }
    }
}
