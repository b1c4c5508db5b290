package org.parsimony.experiments.study;

import java.io.Serializable;
import java.util.Comparator;

/**
 * What identifies one run of a study, and the key a rerun skips finished runs by: data set, architecture, method,
 * ratio and seed. The ratio is text so the methods without one share a spelling: {@link #AUTO} for the variational
 * method (it chooses its own size), empty for the dense baseline.
 *
 * @param dataset data set name
 * @param arch    architecture name, as given ({@code lenet300}, {@code mlp:20,10})
 * @param method  method name
 * @param ratio   fraction of hidden units removed ({@link Double#toString}), {@link #AUTO}, or empty
 * @param seed    the run's seed
 */
public record RunKey(String dataset, String arch, String method, String ratio, long seed) implements Serializable {
    /** The ratio of a method that picks its own size. */
    public static final String AUTO = "auto";

    /** Orders rows for output: data set, architecture, method (study order), ratio, seed; so files do not depend on timing. */
    public static final Comparator<RunKey> ORDER = Comparator.comparing(RunKey::dataset).thenComparing(RunKey::arch)
            .thenComparing(k -> StudyMethod.rank(k.method())).thenComparing(RunKey::method)
            .thenComparing(RunKey::ratioOrder).thenComparing(RunKey::seed);

    /** The canonical text of a ratio. */
    public static String ratioText(double ratio) {
        return Double.toString(ratio);
    }

    /** The ratio as a number, NaN for {@link #AUTO} and the dense baseline. */
    public double ratioValue() {
        return ratio.isEmpty() || ratio.equals(AUTO) ? Double.NaN : Double.parseDouble(ratio);
    }

    private double ratioOrder() {
        double r = ratioValue();
        return Double.isNaN(r) ? -1 : r;
    }

    @Override
    public String toString() {
        return dataset + " " + arch + " " + method + (ratio.isEmpty() ? "" : " ratio " + ratio) + " seed " + seed;
    }
}
