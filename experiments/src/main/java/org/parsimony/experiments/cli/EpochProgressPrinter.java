package org.parsimony.experiments.cli;

import org.parsimony.experiments.study.StudyProgress;
import org.parsimony.variational.training.EpochReport;
import org.parsimony.variational.training.TrainingListener;

import java.io.PrintStream;
import java.util.Arrays;

/** Prints one line per epoch: loss terms, accuracy, live units per layer, epoch time and the estimated time left. */
final class EpochProgressPrinter implements TrainingListener {
    private final PrintStream out;
    private final long start = System.nanoTime();

    EpochProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEpoch(EpochReport r, int totalEpochs) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = elapsed / r.epoch() * (totalEpochs - r.epoch());
        out.printf("%s %3d/%d  loss %.4f (nll %.4f)  acc %.4f  units %s  %.1fs  ETA %s%n", r.fineTuning() ? "fine-tune" : "epoch    ", r.epoch(), totalEpochs,
                r.loss(), r.nll(), r.accuracy(), Arrays.toString(r.liveUnits()), r.seconds(), duration(eta));
        out.flush();
    }

    static String duration(double seconds) {
        return StudyProgress.duration(seconds);
    }
}
