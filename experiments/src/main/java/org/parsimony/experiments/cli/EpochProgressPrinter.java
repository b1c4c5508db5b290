package org.parsimony.experiments.cli;

import org.parsimony.experiments.study.StudyProgress;
import org.parsimony.variational.training.AccuracyGuard;
import org.parsimony.variational.training.EpochReport;
import org.parsimony.variational.training.TrainingListener;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Prints one line per epoch: loss terms, accuracy, live units per layer, epoch time and the estimated time left; a
 * structure-learning epoch whose accuracy fell more than {@link AccuracyGuard#DEFAULT_TOLERANCE} below the best so far
 * says so, and the trainer's warnings (a loss that exploded) follow their epoch's line.
 */
final class EpochProgressPrinter implements TrainingListener {
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final AccuracyGuard guard = new AccuracyGuard(AccuracyGuard.DEFAULT_TOLERANCE);

    EpochProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEpoch(EpochReport r, int totalEpochs) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = elapsed / r.epoch() * (totalEpochs - r.epoch());
        double drop = guard.drop(r);
        out.printf("%s %3d/%d  loss %.4f (nll %.4f)  acc %.4f  units %s  %.1fs  ETA %s%s%n", r.fineTuning() ? "fine-tune" : "epoch    ", r.epoch(), totalEpochs,
                r.loss(), r.nll(), r.accuracy(), Arrays.toString(r.liveUnits()), r.seconds(), duration(eta),
                drop > 0 ? String.format("  ! accuracy %.1f points below its best so far", 100 * drop) : "");
        out.flush();
    }

    /** Prints the trainer's warning about the epoch just printed, flagged as the accuracy drop is. */
    @Override
    public void onWarning(String warning) {
        out.println("  ! " + warning);
        out.flush();
    }

    static String duration(double seconds) {
        return StudyProgress.duration(seconds);
    }
}
