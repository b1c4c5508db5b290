package org.parsimony.variational.data;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A stratified random subset of a data set: {@code size} examples whose class shares match the whole set's (each
 * class gets its share rounded down, the remainder goes to the classes with the largest fractional parts), drawn by a
 * seeded shuffle, kept in shuffled order. Used to train on 1,000 to 60,000 images of one data set without writing files.
 */
public final class StratifiedSample {
    private StratifiedSample() {
    }

    /**
     * The first {@code size} of {@code data}'s examples in a stratified seeded draw.
     *
     * @throws IllegalArgumentException unless {@code 1 <= size <= data.size()}
     */
    public static LabeledData of(LabeledData data, int size, long seed) {
        if (size < 1 || size > data.size()) {
            throw new IllegalArgumentException("a stratified sample of " + size + " examples needs 1 <= size <= "
                    + data.size());
        }
        int n = data.size();
        int[] counts = new int[data.classCount()];
        for (int i = 0; i < n; i++) {
            counts[data.label(i)]++;
        }
        int[] quota = new int[counts.length];
        double[] remainder = new double[counts.length];
        int given = 0;
        for (int c = 0; c < counts.length; c++) {
            double exact = (double) counts[c] * size / n;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            given += quota[c];
        }
        int[] byRemainder = IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -remainder[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; given < size; k++, given++) {
            quota[byRemainder[k]]++;
        }
        List<Integer> chosen = new ArrayList<>();
        for (int i : RandomPermutation.of(n, new SplittableRandom(seed))) {
            if (quota[data.label(i)] > 0) {
                quota[data.label(i)]--;
                chosen.add(i);
            }
        }
        return data.subset(chosen.stream().mapToInt(Integer::intValue).toArray());
    }
}
