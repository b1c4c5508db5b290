package org.parsimony.pruning.confidence;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The outcome of {@link ConfidentPruning}: the grid, the empirical risk and Hoeffding-Bentkus p-value of every
 * ratio, and how many ratios fixed-sequence testing rejected before stopping.
 *
 * @param alpha           risk level
 * @param delta           error probability
 * @param calibrationSize calibration examples {@code n}
 * @param loss            the loss's name
 * @param ratios          the grid, increasing
 * @param empiricalRisks  {@code Rhat(r_k)}
 * @param pValues         {@code p(r_k)}, all of them (those after the first non-rejection are not used)
 * @param rejectedCount   the ratios {@code r_1 .. r_j} whose null {@code R > alpha} was rejected in sequence;
 *                        0 means no ratio is certified
 */
public record ConfidentPruningResult(double alpha, double delta, int calibrationSize, String loss, double[] ratios,
                                     double[] empiricalRisks, double[] pValues, int rejectedCount) {

    /** Copies the arrays. */
    public ConfidentPruningResult {
        ratios = ratios.clone();
        empiricalRisks = empiricalRisks.clone();
        pValues = pValues.clone();
    }

    /** A copy of the grid. */
    @Override
    public double[] ratios() {
        return ratios.clone();
    }

    /** A copy of the empirical risks. */
    @Override
    public double[] empiricalRisks() {
        return empiricalRisks.clone();
    }

    /** A copy of the p-values. */
    @Override
    public double[] pValues() {
        return pValues.clone();
    }

    /** Whether some ratio is certified. */
    public boolean certified() {
        return rejectedCount > 0;
    }

    /** The largest certified ratio, empty when none is certified. */
    public OptionalDouble certifiedRatio() {
        return rejectedCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(ratios[rejectedCount - 1]);
    }

    /** One sentence saying what is certified, or why nothing is. */
    public String message() {
        String level = String.format(Locale.ROOT, "alpha = %s, delta = %s, n = %d, loss %s", alpha, delta,
                calibrationSize, loss);
        if (rejectedCount == 0) {
            OptionalInt needed = HoeffdingBentkus.calibrationSizeFor(empiricalRisks[0], alpha, delta);
            String advice = needed.isPresent()
                    ? String.format(Locale.ROOT, "at that empirical risk about %d calibration examples would certify it; "
                    + "or use a larger alpha or a grid starting at a smaller ratio", needed.getAsInt())
                    : String.format(Locale.ROOT, "no number of calibration examples certifies a risk of %.4f at alpha %s; "
                    + "use a larger alpha or a grid starting at a smaller ratio", empiricalRisks[0], alpha);
            return String.format(Locale.ROOT, "no ratio certified (%s): the least pruned ratio %s has empirical risk "
                    + "%.4f and p-value %.4g > delta; %s", level, ratios[0], empiricalRisks[0], pValues[0], advice);
        }
        int last = rejectedCount - 1;
        String stop = rejectedCount == ratios.length ? "every ratio of the grid was rejected"
                : String.format(Locale.ROOT, "testing stopped at ratio %s (p = %.4g > delta)", ratios[rejectedCount],
                pValues[rejectedCount]);
        return String.format(Locale.ROOT, "ratio %s certified (%s): with probability >= 1 - delta over the calibration "
                        + "draw its risk is <= alpha (empirical risk %.4f, p = %.4g); %s", ratios[last], level,
                empiricalRisks[last], pValues[last], stop);
    }
}
