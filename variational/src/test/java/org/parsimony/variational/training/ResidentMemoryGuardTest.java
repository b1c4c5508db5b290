package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResidentMemoryGuardTest {

    @Test
    void collectsOnlyEveryNthStepAndOnlyAboveTheBound() {
        ResidentMemoryGuard generous = new ResidentMemoryGuard(Long.MAX_VALUE / 2, 1);
        for (int i = 0; i < 10; i++) {
            generous.afterStep();
        }
        assertEquals(0, generous.collections());

        ResidentMemoryGuard tight = new ResidentMemoryGuard(1, 5);
        for (int i = 0; i < 4; i++) {
            tight.afterStep();
        }
        assertEquals(0, tight.collections(), "no check before the 5th step");
        tight.afterStep();
        assertEquals(1, tight.collections());
    }

    @Test
    void theBoundStaysFixedAndCollectionsTakeAtMostAFiftiethOfTheTime() {
        AtomicLong now = new AtomicLong(0);
        AtomicLong resident = new AtomicLong(3000);
        // each collection takes 10 ns of the fake clock and leaves the resident size where it was (live data)
        ResidentMemoryGuard guard = new ResidentMemoryGuard(1000, 1, now::get, resident::get, () -> now.addAndGet(10));
        guard.afterStep();
        assertEquals(1, guard.collections());
        now.addAndGet(ResidentMemoryGuard.TIME_SHARE * 10 - 1);
        guard.afterStep();
        assertEquals(1, guard.collections(), "quiet for 50 x the collection's time");
        now.addAndGet(1);
        guard.afterStep();
        assertEquals(2, guard.collections());
        assertEquals(1000, guard.limitBytes(), "the bound never rises with the resident size");
        resident.set(900);
        now.addAndGet(10_000);
        guard.afterStep();
        assertEquals(2, guard.collections(), "below the bound: no collection");
    }

    @Test
    void everyTrainingRunOfTheProcessSharesOneGuard() {
        assertSame(ResidentMemoryGuard.forTraining(), ResidentMemoryGuard.forTraining());
    }

    @Test
    void threadsReportingAtOnceCollectOncePerQuietPeriod() throws InterruptedException {
        AtomicLong collected = new AtomicLong();
        // a collection takes 1 s of a frozen clock: the quiet period outlasts the test
        AtomicLong now = new AtomicLong(0);
        ResidentMemoryGuard guard = new ResidentMemoryGuard(1, 1, now::get, () -> 2,
                () -> { collected.incrementAndGet(); now.addAndGet(1_000_000_000L); });
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    guard.afterStep();
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, collected.get());
        assertEquals(1, guard.collections());
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new ResidentMemoryGuard(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ResidentMemoryGuard(1, 0));
    }
}
