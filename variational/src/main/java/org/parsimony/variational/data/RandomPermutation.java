package org.parsimony.variational.data;

import java.util.SplittableRandom;

/** A uniformly random permutation of {@code 0, ..., n-1} by the Fisher-Yates shuffle (Knuth, TAOCP vol. 2, 3.4.2). */
public final class RandomPermutation {
    private RandomPermutation() {
    }

    /** {@code 0, ..., n-1} shuffled with draws from {@code random}. */
    public static int[] of(int n, SplittableRandom random) {
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
}
