package org.parsimony.variational.memory;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ImageShape;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingFootprintTest {
    private static final long GIB = 1L << 30;

    @Test
    void widthsWhoseProductsOverflowAnIntAreRefusedByLayer() {
        IllegalArgumentException weights = assertThrows(IllegalArgumentException.class,
                () -> TrainingFootprint.of(Architecture.mlp(784, new int[] {Integer.MAX_VALUE, 10}, 10), 128));
        assertTrue(weights.getMessage().startsWith("layer 1 (dense-2147483647) with 784 x 2147483647 weights")
                && weights.getMessage().contains("more than the 2147483639 one array can hold"), weights.getMessage());
        // 20,000,000 units fit one weight array (4 x 2e7) but not a batch of 128 of their activations
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> TrainingFootprint.of(Architecture.mlp(4, new int[] {20_000_000}, 10), 128));
        assertTrue(batch.getMessage().startsWith("a batch of 128 through layer 1"), batch.getMessage());
        IllegalArgumentException filters = assertThrows(IllegalArgumentException.class,
                () -> Architecture.lenet5(new ImageShape(1, 28, 28), 10).withGatedUnits(new int[] {Integer.MAX_VALUE, 50, 500}));
        assertTrue(filters.getMessage().contains("outputs 2147483647 x 24 x 24 values per example"), filters.getMessage());
    }

    @Test
    void aNetworkLargerThanTheMemoryAvailableIsRefusedWithTheEstimateAndTheLimit() {
        TrainingFootprint wide = TrainingFootprint.of(Architecture.mlp(784, new int[] {100_000, 10}, 10), 128);
        // 78.4 M weights: 4 GiB of heap and 3.8 GiB natively
        assertTrue(wide.heapBytes() > 4 * GIB && wide.nativeBytes() > 3.5 * GIB, wide.toString());
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
                () -> wide.requireFits(new AvailableMemory(2 * GIB, 64 * GIB)));
        assertTrue(heap.getMessage().startsWith("training mlp[784x1x1: dense-100000, dense-10, dense-10] with batches of "
                + "128 needs about 4.") && heap.getMessage().contains("GiB of Java heap, but only 2.0 GiB is available"),
                heap.getMessage());
        IllegalArgumentException offHeap = assertThrows(IllegalArgumentException.class,
                () -> wide.requireFits(new AvailableMemory(64 * GIB, GIB)));
        assertTrue(offHeap.getMessage().contains("GiB of native memory, but only 1.0 GiB is available"), offHeap.getMessage());
        assertDoesNotThrow(() -> wide.requireFits(new AvailableMemory(64 * GIB, 64 * GIB)));
    }

    @Test
    void convActivationsGrowWithTheBatch() {
        Architecture lenet = Architecture.lenet5(new ImageShape(1, 28, 28), 10);
        TrainingFootprint small = TrainingFootprint.of(lenet, 64);
        TrainingFootprint large = TrainingFootprint.of(lenet, 4096);
        // per example 784 inputs and 20 x 24 x 24 + 50 x 8 x 8 + 500 + 10 pre-activations, 8 floats each
        long perExample = 8L * Float.BYTES * (784 + 20 * 24 * 24 + 50 * 8 * 8 + 500 + 10);
        assertTrue(Math.abs(large.nativeBytes() - small.nativeBytes() - (4096 - 64) * perExample) < 1024,
                small + " vs " + large);
    }
}
