package org.parsimony.variational.training;

/**
 * Watches the monitoring accuracy while the structure is learned and flags an epoch whose accuracy fell more than a
 * tolerance below the best seen so far: the sign of gates closing faster than the remaining units can take over
 * (a "cliff"), which a user should see in the log rather than find in the final number. Fine-tuning epochs are not
 * watched (the structure is fixed by then).
 */
public final class AccuracyGuard {
    /** Drop below the running best, in accuracy (0.05 = 5 points), that the default guard flags. */
    public static final double DEFAULT_TOLERANCE = 0.05;

    private final double tolerance;
    private double best = Double.NEGATIVE_INFINITY;

    /** @throws IllegalArgumentException unless {@code 0 <= tolerance <= 1} */
    public AccuracyGuard(double tolerance) {
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("accuracy tolerance must be in [0, 1], got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    /**
     * Records {@code report} and returns how far its accuracy lies below the best structure-learning accuracy before
     * it, if that exceeds the tolerance; 0 otherwise (and always for fine-tuning epochs).
     */
    public double drop(EpochReport report) {
        if (report.fineTuning()) {
            return 0;
        }
        double below = best - report.accuracy();
        best = Math.max(best, report.accuracy());
        return below > tolerance ? below : 0;
    }
}
