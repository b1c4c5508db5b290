package org.parsimony.pruning.surgery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which units of each hidden layer survive a structured pruning step: for hidden layer {@code l} (layer
 * {@code l} of an MLP with {@code L} weight layers, {@code 0 <= l < L - 1}) the sorted, distinct indices of
 * the units that are kept. The output layer's units are the classes and are never pruned.
 *
 * <p>Every hidden layer keeps at least one unit: a layer with no unit left would disconnect the output from
 * the input, so policies never produce such a selection and this class rejects it.
 */
public final class KeptUnits {
    private final List<long[]> kept;

    /**
     * @param kept per hidden layer, the indices of the units kept (sorted ascending, distinct, non-negative)
     * @throws IllegalArgumentException if a layer keeps no unit or its indices are unsorted, repeated or negative
     */
    public KeptUnits(List<long[]> kept) {
        List<long[]> copy = new ArrayList<>();
        for (int l = 0; l < kept.size(); l++) {
            long[] units = kept.get(l);
            if (units == null || units.length == 0) {
                throw new IllegalArgumentException("hidden layer " + l + " must keep at least one unit");
            }
            for (int k = 0; k < units.length; k++) {
                if (units[k] < 0 || (k > 0 && units[k] <= units[k - 1])) {
                    throw new IllegalArgumentException("kept units of hidden layer " + l
                            + " must be distinct non-negative indices in ascending order, got " + Arrays.toString(units));
                }
            }
            copy.add(units.clone());
        }
        this.kept = List.copyOf(copy);
    }

    /** Keeps every unit of a network with widths {@code n_0, ..., n_L}. */
    public static KeptUnits all(int[] widths) {
        List<long[]> kept = new ArrayList<>();
        for (int l = 1; l < widths.length - 1; l++) {
            long[] units = new long[widths[l]];
            for (int j = 0; j < units.length; j++) {
                units[j] = j;
            }
            kept.add(units);
        }
        return new KeptUnits(kept);
    }

    /** Keeps the units whose flag is {@code true}, per hidden layer. */
    public static KeptUnits fromFlags(List<boolean[]> keep) {
        List<long[]> kept = new ArrayList<>();
        for (boolean[] flags : keep) {
            kept.add(java.util.stream.IntStream.range(0, flags.length).filter(j -> flags[j]).mapToLong(j -> j).toArray());
        }
        return new KeptUnits(kept);
    }

    /** Number of hidden layers described. */
    public int hiddenLayerCount() {
        return kept.size();
    }

    /** A copy of the kept indices of hidden layer {@code l}. */
    public long[] kept(int l) {
        return kept.get(l).clone();
    }

    /** Total number of hidden units kept. */
    public long keptCount() {
        return kept.stream().mapToLong(units -> units.length).sum();
    }

    /**
     * The widths after pruning a network with widths {@code n_0, ..., n_L}.
     *
     * @throws IllegalArgumentException if this selection does not fit those widths
     */
    public int[] widthsAfter(int[] widths) {
        requireFits(widths);
        int[] after = widths.clone();
        for (int l = 0; l < kept.size(); l++) {
            after[l + 1] = kept.get(l).length;
        }
        return after;
    }

    /**
     * Checks that there is one entry per hidden layer and every index is below that layer's width.
     *
     * @throws IllegalArgumentException naming the first mismatch
     */
    public void requireFits(int[] widths) {
        if (widths.length - 2 != kept.size()) {
            throw new IllegalArgumentException("selection covers " + kept.size() + " hidden layers, network "
                    + Arrays.toString(widths) + " has " + (widths.length - 2));
        }
        for (int l = 0; l < kept.size(); l++) {
            long[] units = kept.get(l);
            if (units[units.length - 1] >= widths[l + 1]) {
                throw new IllegalArgumentException("hidden layer " + l + " has " + widths[l + 1]
                        + " units, cannot keep unit " + units[units.length - 1]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeptUnits other) || other.kept.size() != kept.size()) {
            return false;
        }
        for (int l = 0; l < kept.size(); l++) {
            if (!Arrays.equals(kept.get(l), other.kept.get(l))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return kept.stream().mapToInt(Arrays::hashCode).reduce(17, (a, b) -> 31 * a + b);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("KeptUnits[");
        for (int l = 0; l < kept.size(); l++) {
            s.append(l == 0 ? "" : ", ").append(kept.get(l).length);
        }
        return s.append(" units]").toString();
    }
}
