package org.parsimony.pruning.criteria.sipp;

import java.util.SplittableRandom;

/**
 * Sampling with replacement from a discrete distribution {@code p} and the sample sizes it needs, shared by
 * the SiPP and PFP pruners.
 *
 * <p>A budget of {@code k} kept items is turned into a number of draws {@code N} as in the reference
 * implementation (torchprune's {@code adapt_sample_size}): the smallest {@code N} whose expected number of
 * distinct items {@code E_N = sum_j (1 - (1 - p_j)^N)} reaches {@code k}. {@code N} is capped at
 * {@value #DRAWS_PER_ITEM} draws per item with {@code p_j > 0}, which only binds when {@code k} is close to
 * the number of such items and some {@code p_j} are tiny (there the pruners keep items deterministically).
 */
final class ImportanceSampling {
    /** Cap on the draws per item with positive probability. */
    static final int DRAWS_PER_ITEM = 64;

    private ImportanceSampling() {
    }

    /** {@code E_N = sum_j (1 - (1 - p_j)^N)}. */
    static double expectedDistinct(double[] p, double draws) {
        double e = 0;
        for (double pj : p) {
            if (pj >= 1) {
                e += 1;
            } else if (pj > 0) {
                e += -Math.expm1(draws * Math.log1p(-pj));
            }
        }
        return e;
    }

    /** The smallest {@code N >= k} with {@code E_N >= k} (capped, see the class comment); {@code k} for {@code k <= 1}. */
    static long drawsForDistinct(double[] p, int k) {
        int positive = 0;
        for (double pj : p) {
            if (pj > 0) {
                positive++;
            }
        }
        if (k <= 1) {
            return Math.max(k, 0);
        }
        long cap = Math.max(k, (long) DRAWS_PER_ITEM * positive);
        if (expectedDistinct(p, cap) < k) {
            return cap;
        }
        long lo = k - 1;
        long hi = k;
        while (expectedDistinct(p, hi) < k) {
            lo = hi;
            hi = Math.min(cap, hi * 2);
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (expectedDistinct(p, mid) >= k) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Counts of {@code draws} independent draws from {@code p} (which sums to 1), by inversion of the cumulative sums. */
    static int[] counts(double[] p, long draws, SplittableRandom random) {
        double[] cumulative = new double[p.length];
        double sum = 0;
        int last = 0;
        for (int j = 0; j < p.length; j++) {
            sum += p[j];
            cumulative[j] = sum;
            if (p[j] > 0) {
                last = j;
            }
        }
        int[] counts = new int[p.length];
        for (long d = 0; d < draws; d++) {
            double u = random.nextDouble() * sum;
            int lo = 0;
            int hi = last;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            counts[lo]++;
        }
        return counts;
    }
}
