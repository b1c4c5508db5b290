package org.parsimony.variational.memory;

import org.bytedeco.javacpp.Pointer;

import java.util.Locale;

/**
 * What this process can still allocate, less a margin: Java heap ({@code -Xmx} less what is in use) and native memory
 * for ND4J's buffers, which JavaCPP refuses beyond {@code maxPhysicalBytes} of resident memory (by default a multiple of
 * {@code -Xmx}) and which the machine cannot give beyond its available physical memory; the heap's room to grow is
 * taken off JavaCPP's share, since JavaCPP counts a growing heap as resident too (see {@link #of}).
 *
 * <p>Why: an allocation larger than these fails deep inside a library, after minutes (an {@code OutOfMemoryError}) or
 * with a native {@code std::bad_alloc}; checking an estimate against them first gives a one-line refusal.
 *
 * @param heapBytes   Java heap that can still be allocated
 * @param nativeBytes native memory that can still be allocated
 */
public record AvailableMemory(long heapBytes, long nativeBytes) {
    /** The largest Java array (some JVMs reserve a few header words of {@link Integer#MAX_VALUE}). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    /** Fraction of each amount kept back for what an estimate leaves out. */
    static final double MARGIN = 0.1;

    /** The amounts now; the heap counts dead objects not yet collected as used (see {@link #forHeap}). */
    public static AvailableMemory now() {
        Runtime runtime = Runtime.getRuntime();
        return of(runtime.maxMemory(), runtime.totalMemory(), runtime.freeMemory(), Pointer.availablePhysicalBytes(),
                Pointer.maxPhysicalBytes(), Pointer.physicalBytes());
    }

    /**
     * The amounts for a process whose heap may grow to {@code heapMax} (committed {@code heapTotal}, of which
     * {@code heapFree} is free), on a machine with {@code machineAvailable} bytes of physical memory available, under
     * JavaCPP's limit {@code maxPhysical} (0: none) of which the process's resident memory {@code resident} is in use.
     * The machine's available memory is not reduced by the heap's room to grow: a heap that could grow to {@code -Xmx}
     * seldom does, and counting that room as used refused a 18 MiB run on a busy machine with 2 GiB available at
     * {@code -Xmx3g}; JavaCPP's limit does count it, because JavaCPP counts the resident heap against it.
     */
    static AvailableMemory of(long heapMax, long heapTotal, long heapFree, long machineAvailable, long maxPhysical,
                              long resident) {
        long heapUsed = heapTotal - heapFree;
        long heapGrowth = Math.max(0, heapMax - heapTotal);
        long nativeBytes = machineAvailable;
        if (maxPhysical > 0) {
            nativeBytes = Math.min(nativeBytes, maxPhysical - resident - heapGrowth);
        }
        return new AvailableMemory(lessMargin(heapMax - heapUsed), lessMargin(nativeBytes));
    }

    /**
     * The amounts now, after a garbage collection if {@code heapBytesNeeded} do not fit before one: dead objects count
     * as used until collected, and a collection only when it matters keeps the common case free of one.
     */
    public static AvailableMemory forHeap(long heapBytesNeeded) {
        AvailableMemory available = now();
        if (heapBytesNeeded <= available.heapBytes()) {
            return available;
        }
        System.gc();
        return now();
    }

    /** {@code bytes} for a message: {@code 512 MiB}, {@code 3.7 GiB}. */
    public static String format(long bytes) {
        double mib = bytes / 1048576.0;
        return mib < 1024 ? String.format(Locale.ROOT, "%.0f MiB", mib) : String.format(Locale.ROOT, "%.1f GiB", mib / 1024);
    }

    private static long lessMargin(long bytes) {
        return Math.max(0, (long) (bytes * (1 - MARGIN)));
    }
}
