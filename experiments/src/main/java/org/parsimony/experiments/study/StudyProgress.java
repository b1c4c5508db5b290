package org.parsimony.experiments.study;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints one line per finished run with the progress over the whole study: a bar, runs done of the runs to do,
 * elapsed time and the estimated time left (elapsed / done x remaining, so it includes the parallel speed-up).
 */
public final class StudyProgress {
    private static final int BAR = 20;
    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private int done;

    StudyProgress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    synchronized void finished(RunResult r) {
        done++;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = elapsed / done * (total - done);
        int filled = (int) Math.round((double) BAR * done / total);
        RunMeasurement m = r.measurement();
        out.printf(Locale.ROOT, "[%s%s] %d/%d  %-40s acc %.4f -> %.4f  params %5.1f%%  units %s  %.1fs | elapsed %s  ETA %s%n",
                "#".repeat(filled), ".".repeat(BAR - filled), done, total, r.key(), m.accuracyBefore(), m.accuracyAfter(),
                100 * m.paramsFraction(), Arrays.toString(m.unitsKept()), r.seconds(), duration(elapsed), duration(eta));
        out.flush();
    }

    /** A duration as {@code 42s}, {@code 3m05s} or {@code 2h03m}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
        }
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
