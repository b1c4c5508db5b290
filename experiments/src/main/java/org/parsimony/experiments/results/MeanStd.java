package org.parsimony.experiments.results;

import java.util.Locale;

/**
 * Mean and sample standard deviation (divisor {@code n - 1}; 0 for a single value) of a few repeated measurements,
 * the form every comparison table and error bar reports.
 *
 * @param mean mean, NaN without values
 * @param std  sample standard deviation
 * @param n    number of values
 */
public record MeanStd(double mean, double std, int n) {

    /** The statistics of {@code values}. */
    public static MeanStd of(double[] values) {
        if (values.length == 0) {
            return new MeanStd(Double.NaN, Double.NaN, 0);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new MeanStd(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0, values.length);
    }

    /** {@code mean +- std} with four decimals, {@code -} without values. */
    public String format() {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.4f +- %.4f", mean, std);
    }

    /** {@code mean +- std} with one decimal, for unit counts. */
    public String units() {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.1f +- %.1f", mean, std);
    }

    /** {@code mean +- std} in percent with one decimal. */
    public String percent() {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.1f +- %.1f %%", 100 * mean, 100 * std);
    }
}
