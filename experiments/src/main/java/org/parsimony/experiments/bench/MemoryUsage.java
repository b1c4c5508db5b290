package org.parsimony.experiments.bench;

import org.bytedeco.javacpp.Pointer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Memory of this process: the peak of the Java heap pools since start (JMX) and the native memory ND4J holds
 * through JavaCPP (physical bytes of the process and bytes JavaCPP tracks as allocated off-heap).
 *
 * @param peakHeapBytes       sum over heap memory pools of their peak usage
 * @param offHeapBytes        bytes JavaCPP currently tracks as allocated ({@code Pointer.totalBytes()})
 * @param maxOffHeapBytes     JavaCPP's limit ({@code Pointer.maxBytes()})
 * @param physicalBytes       resident memory of the whole process ({@code Pointer.physicalBytes()})
 */
public record MemoryUsage(long peakHeapBytes, long offHeapBytes, long maxOffHeapBytes, long physicalBytes) {

    /** Reads the current values. */
    public static MemoryUsage now() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new MemoryUsage(heap, Pointer.totalBytes(), Pointer.maxBytes(), Pointer.physicalBytes());
    }
}
