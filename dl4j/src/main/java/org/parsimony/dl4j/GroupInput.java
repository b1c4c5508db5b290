package org.parsimony.dl4j;

import java.util.Arrays;

/**
 * A layer that reads a {@link UnitGroup}'s units through its weights: directly (a dense layer's rows, a convolution's
 * input channels), or through a CNN-to-dense flatten, where each channel feeds {@code positions = h w} rows. DL4J
 * flattens channels-first ({@code NCHW}) activations as {@code c h w}, so channel {@code c} feeds rows
 * {@code c hw .. c hw + hw - 1}; channels-last ({@code NHWC}) as {@code h w c}, so it feeds rows {@code p C + c}.
 *
 * @param layer        the consuming layer's index
 * @param positions    rows fed by each unit: 1 without a flatten, {@code h w} after one
 * @param channelsLast whether a flatten reads {@code NHWC} activations
 */
public record GroupInput(int layer, long positions, boolean channelsLast) {

    /** Reads each unit through one row or input channel. */
    static GroupInput direct(int layer) {
        return new GroupInput(layer, 1, false);
    }

    /** Whether a flatten lies between the group and this layer. */
    public boolean flattened() {
        return positions > 1;
    }

    /**
     * The consumer's input rows (or channels) fed by {@code units} of a group of {@code groupSize}, ascending when
     * {@code units} is: their new positions after surgery keep the same order.
     */
    long[] rowsFedBy(long[] units, long groupSize) {
        if (positions == 1) {
            return units.clone();
        }
        long[] rows = new long[Math.toIntExact(units.length * positions)];
        int k = 0;
        if (channelsLast) {
            for (long p = 0; p < positions; p++) {
                for (long c : units) {
                    rows[k++] = p * groupSize + c;
                }
            }
        } else {
            for (long c : units) {
                for (long q = 0; q < positions; q++) {
                    rows[k++] = c * positions + q;
                }
            }
        }
        return rows;
    }

    @Override
    public String toString() {
        return "layer " + layer + (flattened() ? " (after a " + (channelsLast ? "NHWC" : "NCHW") + " flatten of "
                + positions + " positions)" : "");
    }

    /** Units of {@code 0 .. size-1} that are not in {@code kept} (sorted). */
    static long[] complement(long[] kept, long size) {
        return java.util.stream.LongStream.range(0, size).filter(u -> Arrays.binarySearch(kept, u) < 0).toArray();
    }
}
