package org.parsimony.pruning.criteria.sipp;

/**
 * How many inputs SiPP and PFP measure their empirical sensitivities on, by torchprune's rule (its experiment code,
 * {@code util/data.py}): {@code |S| = ceil(C ln(8 eta* eta / delta_S))}, where {@code eta} is the number of units of
 * all layers (inputs excluded), {@code eta*} that of the widest layer, {@code C = 3} and {@code delta_S = 1e-16}
 * (its defaults), capped at half the held-out examples they are drawn from (torchprune draws them from its
 * validation split, 10 % of the training set, never used for training). For LeNet-300-100 on ten classes:
 * {@code ceil(3 ln(8 * 300 * 410 / 1e-16)) = 152}.
 */
public final class SensitivityBatchSize {
    /** torchprune's failure probability of the sensitivity estimate, {@code delta_S}. */
    public static final double DELTA_S = 1e-16;
    /** torchprune's constant {@code C}. */
    public static final double C = 3;

    private SensitivityBatchSize() {
    }

    /**
     * {@code |S|} for a network of {@code widths} ({@code n_0, ..., n_L}) with {@code heldOut} examples to draw from.
     *
     * @throws IllegalArgumentException if there is no layer, a width is not positive or {@code heldOut < 2}
     */
    public static int of(int[] widths, int heldOut) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least one layer, got widths " + java.util.Arrays.toString(widths));
        }
        if (heldOut < 2) {
            throw new IllegalArgumentException("the sensitivity batch is drawn from held-out examples; need at least 2, got "
                    + heldOut);
        }
        long eta = 0;
        int widest = 0;
        for (int l = 1; l < widths.length; l++) {
            if (widths[l] < 1) {
                throw new IllegalArgumentException("widths must be positive, got " + java.util.Arrays.toString(widths));
            }
            eta += widths[l];
            widest = Math.max(widest, widths[l]);
        }
        int rule = (int) Math.ceil(C * Math.log(8.0 * widest * eta / DELTA_S));
        return Math.min(rule, (int) Math.ceil(0.5 * heldOut));
    }
}
