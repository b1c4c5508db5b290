package org.parsimony.experiments.bench;

import org.bytedeco.javacpp.Pointer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of this process: the peak of the Java heap pools since start (JMX), the native memory ND4J holds through
 * JavaCPP, and the peak resident set of the whole process (heap, ND4J buffers, BLAS, JIT; what the OS charges).
 *
 * @param peakHeapBytes       sum over heap memory pools of their peak usage
 * @param offHeapBytes        bytes JavaCPP currently tracks as allocated ({@code Pointer.totalBytes()})
 * @param maxOffHeapBytes     JavaCPP's limit ({@code Pointer.maxBytes()})
 * @param physicalBytes       resident memory of the whole process now ({@code Pointer.physicalBytes()})
 * @param peakResidentBytes   peak resident memory since start ({@code VmHWM} of {@code /proc/self/status}; the current
 *                            resident memory where that file does not exist)
 */
public record MemoryUsage(long peakHeapBytes, long offHeapBytes, long maxOffHeapBytes, long physicalBytes,
                          long peakResidentBytes) {

    /** Reads the current values. */
    public static MemoryUsage now() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        long physical = Pointer.physicalBytes();
        return new MemoryUsage(heap, Pointer.totalBytes(), Pointer.maxBytes(), physical, Math.max(physical, peakResident()));
    }

    /** Mebibytes, for tables. */
    public static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static long peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the current resident size is the best available reading
        }
        return 0;
    }
}
