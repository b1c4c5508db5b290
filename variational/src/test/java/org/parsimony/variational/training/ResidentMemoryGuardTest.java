package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void theBoundRisesAboveLiveDataSoALargeModelIsNotCollectedEveryCheck() {
        ResidentMemoryGuard tight = new ResidentMemoryGuard(1, 1);
        tight.afterStep();
        assertTrue(tight.limitBytes() > 1, "bound " + tight.limitBytes());
        long raised = tight.limitBytes();
        tight.afterStep();
        assertTrue(tight.collections() <= 2 && tight.limitBytes() >= raised);
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new ResidentMemoryGuard(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ResidentMemoryGuard(1, 0));
    }
}
