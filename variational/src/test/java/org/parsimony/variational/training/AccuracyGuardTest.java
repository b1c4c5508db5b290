package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccuracyGuardTest {
    private static EpochReport epoch(int n, boolean fineTuning, double accuracy) {
        return new EpochReport(n, fineTuning, 1, 1, 0, accuracy, new int[] {10}, 0.1, 0.5);
    }

    @Test
    void flagsADropOfMoreThanTheToleranceBelowTheRunningBest() {
        AccuracyGuard guard = new AccuracyGuard(0.05);
        assertEquals(0, guard.drop(epoch(1, false, 0.80)));
        assertEquals(0, guard.drop(epoch(2, false, 0.84)));
        assertEquals(0, guard.drop(epoch(3, false, 0.80)), "4 points below the best is within the tolerance");
        assertEquals(0.14, guard.drop(epoch(4, false, 0.70)), 1e-12);
        assertEquals(0.0, guard.drop(epoch(5, false, 0.83)));
    }

    @Test
    void fineTuningEpochsAreNotWatched() {
        AccuracyGuard guard = new AccuracyGuard(0.05);
        guard.drop(epoch(1, false, 0.9));
        assertEquals(0, guard.drop(epoch(2, true, 0.5)));
    }

    @Test
    void rejectsAToleranceOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new AccuracyGuard(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new AccuracyGuard(Double.NaN));
    }
}
