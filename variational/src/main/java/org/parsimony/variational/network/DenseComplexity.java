package org.parsimony.variational.network;

import java.util.Arrays;

/**
 * Exact size and cost of a fully connected network with layer widths {@code n_0, ..., n_L}
 * (inputs first, classes last): parameters {@code sum_l (n_{l-1} n_l + n_l)} (weights and biases) and
 * multiply-adds per example {@code sum_l n_{l-1} n_l} (one per weight; bias additions and activations
 * are not counted, as is usual for FLOP counts of pruned networks).
 *
 * @param widths the layer widths, inputs first
 */
public record DenseComplexity(int[] widths) implements NetworkComplexity {

    /** @throws IllegalArgumentException unless there are at least two widths, all positive */
    public DenseComplexity {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output width");
        }
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(widths));
            }
        }
        widths = widths.clone();
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** Number of weights and biases. */
    @Override
    public long parameters() {
        long total = 0;
        for (int l = 1; l < widths.length; l++) {
            total += (long) widths[l - 1] * widths[l] + widths[l];
        }
        return total;
    }

    /** Multiply-adds for one example's forward pass. */
    @Override
    public long multiplyAdds() {
        long total = 0;
        for (int l = 1; l < widths.length; l++) {
            total += (long) widths[l - 1] * widths[l];
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseComplexity other && Arrays.equals(widths, other.widths);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths);
    }

    @Override
    public String toString() {
        return "DenseComplexity" + Arrays.toString(widths);
    }
}
