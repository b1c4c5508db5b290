package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.data.InputScaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster task is one run, in an order that keeps the runs of a dense start together, and a JVM's dense starts are
 * trained once while held, dropped after their last run, and bounded when the last run goes elsewhere.
 */
class ClusterRunsTest {
    private static final StudySpec STUDY = new StudySpec(List.of("subset", "subset:400"),
            StudyArchitecture.parseList("mlp:20,10,lenet300"), List.of(StudyMethod.variational, StudyMethod.parse("magnitude"),
            StudyMethod.parse("random")), List.of(0.5, 0.7), List.of(1L, 2L), new StudyBudget(1, 1, 1, 50, InputScaling.raw),
            List.of(), false);

    private static TrainedDense dense() {
        return () -> null;
    }

    @Test
    void runsOfADenseStartAreAdjacentWithTheDenseRunFirstAndEveryRunIsATaskOnce() {
        List<StudyRun> shuffled = new ArrayList<>(STUDY.runs());
        Collections.shuffle(shuffled, new java.util.Random(7));
        List<StudyRun> tasks = new ClusterRuns(shuffled).runs();
        assertEquals(shuffled.size(), tasks.size());
        assertEquals(shuffled.stream().map(StudyRun::key).distinct().count(),
                tasks.stream().map(StudyRun::key).distinct().count(), "every run once");
        List<StudyRun.DenseKey> seen = new ArrayList<>();
        StudyRun.DenseKey current = null;
        for (StudyRun run : tasks) {
            if (!run.needsDense()) {
                current = null;
                continue;
            }
            if (!run.denseKey().equals(current)) {
                assertTrue(!seen.contains(run.denseKey()), "the runs of " + run.denseKey() + " are not adjacent: " + tasks);
                assertEquals(StudyMethod.dense, run.method(), "the dense run first: " + run.key());
                seen.add(run.denseKey());
                current = run.denseKey();
            }
        }
        assertEquals(8, seen.size(), "2 data sets x 2 archs x 2 seeds");
    }

    @Test
    void theStudyOrderIsKeptWhenItAlreadyGroupsTheStarts() {
        assertEquals(STUDY.runs(), new ClusterRuns(STUDY.runs()).runs());
    }

    @Test
    void aStartIsTrainedOnceForConcurrentRunsAndDroppedAfterItsLastRun() throws Exception {
        List<StudyRun> runs = STUDY.runs().subList(0, 5); // the dense run and 2 criteria x 2 ratios of one start
        DenseStarts starts = new DenseStarts(runs, 0);
        AtomicInteger trained = new AtomicInteger();
        CountDownLatch allAsking = new CountDownLatch(runs.size());
        ExecutorService pool = Executors.newFixedThreadPool(runs.size());
        try {
            List<Future<DenseStarts.Timed>> got = new ArrayList<>();
            for (StudyRun run : runs) {
                got.add(pool.submit(() -> {
                    allAsking.countDown();
                    allAsking.await(10, TimeUnit.SECONDS);
                    return starts.get(run, () -> {
                        trained.incrementAndGet();
                        return dense();
                    });
                }));
            }
            DenseStarts.Timed first = got.get(0).get(10, TimeUnit.SECONDS);
            for (Future<DenseStarts.Timed> f : got) {
                assertSame(first, f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, trained.get());
        for (StudyRun run : runs.subList(0, 4)) {
            starts.release(run);
        }
        assertEquals(1, starts.size(), "held by a run still");
        starts.release(runs.get(4));
        assertEquals(0, starts.size(), "its last run has finished");
    }

    @Test
    void anExecutorKeepsAtMostTheBoundOfStartsNoRunHolds() {
        List<StudyRun> criterion = STUDY.runs().stream().filter(r -> r.method() == StudyMethod.parse("magnitude")).toList();
        DenseStarts starts = new DenseStarts(STUDY.runs(), 2);
        AtomicInteger trained = new AtomicInteger();
        StudyRun held = criterion.get(0);
        DenseStarts.Timed heldStart = starts.get(held, () -> {
            trained.incrementAndGet();
            return dense();
        });
        List<StudyRun> others = criterion.stream().filter(r -> !r.denseKey().equals(held.denseKey()))
                .collect(java.util.stream.Collectors.toMap(StudyRun::denseKey, r -> r, (a, b) -> a,
                        java.util.LinkedHashMap::new)).values().stream().toList();
        assertEquals(7, others.size());
        for (StudyRun run : others) { // one run of each start executes here, the others elsewhere
            starts.get(run, () -> {
                trained.incrementAndGet();
                return dense();
            });
            starts.release(run);
            assertTrue(starts.size() <= 3, "one held and at most two idle, got " + starts.size());
        }
        assertEquals(8, trained.get());
        assertSame(heldStart, starts.get(criterion.stream().filter(r -> r != held && r.denseKey().equals(held.denseKey()))
                .findFirst().orElseThrow(), () -> {
                    throw new AssertionError("a held start is never dropped");
                }));
        StudyRun last = others.get(others.size() - 1);
        StudyRun sameStart = STUDY.runs().stream().filter(r -> r.needsDense() && r != last
                && r.denseKey().equals(last.denseKey())).findFirst().orElseThrow();
        starts.get(sameStart, () -> {
            throw new AssertionError("the most recently used idle start is kept");
        });
        starts.release(sameStart);
        StudyRun eldest = others.get(0);
        starts.get(eldest, () -> {
            trained.incrementAndGet();
            return dense();
        });
        assertEquals(9, trained.get(), "the least recently used idle start was dropped and is trained again");
    }

    @Test
    void aStartWhoseTrainingFailedIsTrainedAgainByTheRetry() {
        StudyRun run = STUDY.runs().get(1);
        DenseStarts starts = new DenseStarts(STUDY.runs(), 4);
        assertThrows(IllegalStateException.class, () -> starts.get(run, () -> {
            throw new IllegalStateException("lost");
        }));
        starts.release(run);
        DenseStarts.Timed retried = starts.get(run, ClusterRunsTest::dense);
        assertNotSame(null, retried.dense());
    }
}
