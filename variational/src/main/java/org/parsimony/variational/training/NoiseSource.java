package org.parsimony.variational.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The single seeded source of every random draw in training. Each step's draws come from a generator
 * seeded by {@code (seed, epoch, step)}, so a run is reproducible from its seed alone and a resumed run
 * needs no generator state: it continues with exactly the draws the uninterrupted run would have made.
 */
public final class NoiseSource {
    /** Keeps uniform draws away from 0 and 1, where {@code logit u} is infinite. */
    static final double UNIFORM_MARGIN = 1e-6;

    private final long seed;

    public NoiseSource(long seed) {
        this.seed = seed;
    }

    /** The generator for a given step (a fresh instance; callers draw from it in a fixed order). */
    public Random forStep(int epoch, int step) {
        long mixed = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + step * 0x94D049BB133111EBL;
        return Nd4j.getRandomFactory().getNewRandomInstance(mixed ^ (mixed >>> 31));
    }

    /** A permutation of {@code 0..n-1} for the minibatch order of {@code epoch}. */
    public int[] permutation(int epoch, int n) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed * 31 + epoch);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Standard normal draws of the given shape. */
    public static INDArray gaussian(Random random, long rows, long columns) {
        return Nd4j.randn(random, rows, columns).castTo(DataType.FLOAT);
    }

    /** Standard normal draws of any shape (e.g. {@code [b, C, H, W]} for a convolution's pre-activations). */
    public static INDArray gaussian(Random random, long[] shape) {
        return Nd4j.randn(random, shape).castTo(DataType.FLOAT);
    }

    /** Uniform draws in {@code (UNIFORM_MARGIN, 1 - UNIFORM_MARGIN)} of the given shape. */
    public static INDArray uniform(Random random, long rows, long columns) {
        return Nd4j.rand(random, rows, columns).castTo(DataType.FLOAT)
                .muli(1 - 2 * UNIFORM_MARGIN).addi(UNIFORM_MARGIN);
    }
}
