package org.parsimony.experiments.reproduce;

import org.parsimony.pruning.evaluation.PruneRetrainCurve;

import java.io.PrintStream;
import java.util.Locale;

/** The progress line printed after every point of a pruning curve. */
final class Progress {
    private Progress() {
    }

    static PruneRetrainCurve.Listener printer(PrintStream console, long seed) {
        return (method, p) -> console.printf(Locale.ROOT, "seed %d %-28s removed %.3f kept %6.2f %% accuracy %.4f -> %.4f "
                + "relative error %.4f%n", seed, method, p.ratio(), 100 * p.keptFraction(), p.accuracyBefore(),
                p.accuracyAfter(), p.relativeError());
    }
}
