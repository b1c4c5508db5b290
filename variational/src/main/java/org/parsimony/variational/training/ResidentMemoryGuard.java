package org.parsimony.variational.training;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps the resident memory of a training process near a bound by collecting garbage when the bound is exceeded.
 *
 * <p>Why: ND4J allocates every array's buffer natively and frees it only once the small Java object that wraps it is
 * garbage-collected. The Java heap sees only the wrappers, so with a large heap the collector runs rarely and dead
 * native buffers pile up (measured on full Fashion-MNIST with {@code -Xmx5g}: 5 to 9 GiB resident for LeNet-300-100 and
 * 600-200, until the kernel's OOM killer stopped a run). JavaCPP's own limit does not count these buffers. Every
 * {@code every} steps the guard reads the resident size ({@code Pointer.physicalBytes()}, one read of
 * {@code /proc/self/statm}) and, above the bound, runs the collector; if the live data alone exceeds the bound, the
 * bound rises to 1.25 x what remains, so a large model is not collected on every check. Collection never changes results.
 */
public final class ResidentMemoryGuard {
    /** System property that overrides the default bound, in MiB. */
    public static final String LIMIT_PROPERTY = "parsimony.maxResidentMiB";
    private static final long DEFAULT_LIMIT_MIB = 1536;

    private final int every;
    private long limitBytes;
    private long calls;
    private long collections;

    /**
     * @param limitBytes bound on the resident size that triggers a collection, > 0
     * @param every      steps between two reads of the resident size, >= 1
     */
    public ResidentMemoryGuard(long limitBytes, int every) {
        if (limitBytes <= 0 || every < 1) {
            throw new IllegalArgumentException("need a positive limit and every >= 1, got " + limitBytes + ", " + every);
        }
        this.limitBytes = limitBytes;
        this.every = every;
    }

    /** The guard of a training run: bound from {@value #LIMIT_PROPERTY} (MiB, default 1536), checked every 20 steps. */
    public static ResidentMemoryGuard forTraining() {
        long mib = Long.getLong(LIMIT_PROPERTY, DEFAULT_LIMIT_MIB);
        return new ResidentMemoryGuard(Math.max(1, mib) << 20, 20);
    }

    /** Call after every training step. */
    public void afterStep() {
        if (++calls % every != 0 || Pointer.physicalBytes() <= limitBytes) {
            return;
        }
        System.gc();
        collections++;
        long remaining = Pointer.physicalBytes();
        if (remaining > limitBytes) {
            limitBytes = remaining + remaining / 4;
        }
    }

    /** Collections run so far. */
    public long collections() {
        return collections;
    }

    /** The current bound in bytes (it rises when the live data exceed it). */
    public long limitBytes() {
        return limitBytes;
    }
}
