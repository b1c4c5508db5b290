package org.parsimony.variational.training;

import org.bytedeco.javacpp.Pointer;

import java.util.function.LongSupplier;

/**
 * Keeps the resident memory of a training process near a bound by collecting garbage when the bound is exceeded.
 *
 * <p>Why: ND4J allocates every array's buffer natively and frees it only once the small Java object that wraps it is
 * garbage-collected. The Java heap sees only the wrappers, so with a large heap the collector runs rarely and dead
 * native buffers pile up (measured on full Fashion-MNIST with {@code -Xmx5g}: 5 to 9 GiB resident for LeNet-300-100 and
 * 600-200, until the kernel's OOM killer stopped a run). JavaCPP's own limit does not count these buffers. The MLP
 * objective frees its buffers itself; the SameDiff graph of conv nets does not, so this guard is what bounds them.
 *
 * <p>Every {@code every} steps the guard reads the resident size ({@code Pointer.physicalBytes()}, one read of
 * {@code /proc/self/statm}) and, above the bound, runs the collector. The bound stays fixed: the allocator keeps freed
 * pages, so the resident size after a collection overstates the live data, and raising the bound to it (as an earlier
 * version did) lets the bound climb by a quarter per collection. Instead collections are spaced so that they take at
 * most 1/{@value #TIME_SHARE} of the time: when the live data really exceed the bound, training slows by 2 % rather
 * than collecting every check. Collection never changes results. Checked every 20 steps it comes too late for conv
 * nets, whose SameDiff steps leave tens of MB each: LeNet-5 on full Fashion-MNIST reached 7-8 GiB with a 2 GiB heap,
 * and stayed at 2.4-3.1 GiB with a 768 MiB heap, whose own collections come sooner.
 *
 * <p>One guard serves the whole process ({@link #forTraining}): the resident size and the collector are the process's,
 * so runs in one JVM (a study's workers, the benchmark's passes) share the spacing. With one guard per run, every
 * run's first check collected again: the benchmark, whose process sits above the bound, then timed a collection of
 * some 30 ms in about half of its 80 ms passes at 10 % of the units (measured speed-up over the FLOP reduction
 * 0.41-0.52 in those runs, 0.66-0.72 in the others). Thread-safe.
 */
public final class ResidentMemoryGuard {
    /** System property that overrides the default bound, in MiB. */
    public static final String LIMIT_PROPERTY = "parsimony.maxResidentMiB";
    private static final long DEFAULT_LIMIT_MIB = 1536;
    /** A collection that took {@code t} is followed by none for {@code TIME_SHARE * t}. */
    static final int TIME_SHARE = 50;

    private final long limitBytes;
    private final int every;
    private final LongSupplier clock;
    private final LongSupplier resident;
    private final Runnable collector;
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong collections = new java.util.concurrent.atomic.AtomicLong();
    private volatile long quietUntil = Long.MIN_VALUE;

    /**
     * @param limitBytes bound on the resident size that triggers a collection, > 0
     * @param every      steps between two reads of the resident size, >= 1
     */
    public ResidentMemoryGuard(long limitBytes, int every) {
        this(limitBytes, every, System::nanoTime, Pointer::physicalBytes, System::gc);
    }

    /** As above, with the clock (ns), the resident-size reading and the collector given (for tests). */
    ResidentMemoryGuard(long limitBytes, int every, LongSupplier clock, LongSupplier resident, Runnable collector) {
        if (limitBytes <= 0 || every < 1) {
            throw new IllegalArgumentException("need a positive limit and every >= 1, got " + limitBytes + ", " + every);
        }
        this.limitBytes = limitBytes;
        this.every = every;
        this.clock = clock;
        this.resident = resident;
        this.collector = collector;
    }

    /** The process's guard, made on first use. */
    private static final class Shared {
        static final ResidentMemoryGuard INSTANCE = new ResidentMemoryGuard(
                Math.max(1, Long.getLong(LIMIT_PROPERTY, DEFAULT_LIMIT_MIB)) << 20, 20);
    }

    /**
     * The guard every training run of this process reports its steps to: bound from {@value #LIMIT_PROPERTY} (MiB,
     * default 1536, read on first use), checked every 20 steps (counted over all runs).
     */
    public static ResidentMemoryGuard forTraining() {
        return Shared.INSTANCE;
    }

    /** Call after every training step. */
    public void afterStep() {
        if (calls.incrementAndGet() % every != 0 || clock.getAsLong() < quietUntil
                || resident.getAsLong() <= limitBytes) {
            return;
        }
        synchronized (this) {
            if (clock.getAsLong() < quietUntil) {
                return; // another thread collected meanwhile
            }
            long start = clock.getAsLong();
            collector.run();
            long end = clock.getAsLong();
            collections.incrementAndGet();
            quietUntil = end + TIME_SHARE * (end - start);
        }
    }

    /** Collections run so far. */
    public long collections() {
        return collections.get();
    }

    /** The bound in bytes. */
    public long limitBytes() {
        return limitBytes;
    }
}
