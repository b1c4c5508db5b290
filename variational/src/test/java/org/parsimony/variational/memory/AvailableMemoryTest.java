package org.parsimony.variational.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AvailableMemoryTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void aBusyMachineStillOffersItsAvailableMemoryToAProcessWithALargeUncommittedHeap() {
        // -Xmx3g, 400 MiB committed (100 MiB free), 2 GiB available on the machine, JavaCPP's limit far away
        AvailableMemory m = AvailableMemory.of(3 * GIB, 400 * MIB, 100 * MIB, 2 * GIB, 12 * GIB, 600 * MIB);
        assertEquals((long) (0.9 * 2 * GIB), m.nativeBytes(), MIB, "was 0 when the heap's room to grow was taken off");
        assertEquals((long) (0.9 * (3 * GIB - 300 * MIB)), m.heapBytes(), MIB);
    }

    @Test
    void javaCppsLimitCountsTheHeapsRoomToGrow() {
        // JavaCPP allows 4 GiB resident; 1 GiB is resident and the heap may still grow by 2.6 GiB
        AvailableMemory m = AvailableMemory.of(3 * GIB, 400 * MIB, 100 * MIB, 20 * GIB, 4 * GIB, GIB);
        assertEquals((long) (0.9 * (4 * GIB - GIB - (3 * GIB - 400 * MIB))), m.nativeBytes(), MIB);
        assertEquals(0, AvailableMemory.of(3 * GIB, 400 * MIB, 100 * MIB, 20 * GIB, 2 * GIB, GIB).nativeBytes());
    }
}
