package org.parsimony.variational.training;

import org.parsimony.variational.data.LabeledData;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Watches a run's epochs for divergence short of a NaN (on which the step loop stops): an epoch whose mean negative
 * log-likelihood lies far above that of guessing uniformly ({@code ln K}) or whose loss lies far above the first
 * epoch's (the loss exploded), and a run whose monitoring accuracy never left chance (the share of the most frequent
 * class). Such runs used to end with exit 0 and a plausible-looking result; the warnings make them visible.
 */
public final class DivergenceGuard {
    /** An epoch's nll above this multiple of {@code ln K}, or its loss above this multiple of the first epoch's. */
    static final double EXPLOSION_FACTOR = 10;
    /** Accuracy within this of chance counts as chance. */
    static final double CHANCE_TOLERANCE = 0.02;

    private final double uniformNll;
    private final double chance;
    private final String advice;
    private double firstLoss = Double.NaN;
    private final List<Integer> explodedEpochs = new ArrayList<>();
    private double worstNll = Double.NEGATIVE_INFINITY;
    private double bestAccuracy = Double.NEGATIVE_INFINITY;

    /**
     * @param monitor the data whose accuracy the reports give (for the number of classes and the chance accuracy)
     * @param advice  what to change, appended to the run's warnings
     */
    public DivergenceGuard(LabeledData monitor, String advice) {
        int[] counts = new int[monitor.classCount()];
        for (int i = 0; i < monitor.size(); i++) {
            counts[monitor.label(i)]++;
        }
        this.uniformNll = Math.log(monitor.classCount());
        this.chance = monitor.size() == 0 ? 0 : (double) java.util.Arrays.stream(counts).max().orElse(0) / monitor.size();
        this.advice = advice;
    }

    /** Records {@code report}; returns the warning about its epoch, or {@code null} if it looks sound. */
    public String check(EpochReport report) {
        if (Double.isNaN(firstLoss)) {
            firstLoss = report.loss();
        }
        bestAccuracy = Math.max(bestAccuracy, report.accuracy());
        String warning = null;
        if (!(report.nll() <= EXPLOSION_FACTOR * uniformNll)) {
            warning = String.format(Locale.ROOT, "loss exploded in epoch %d: nll %.4g, against %.2f for guessing "
                    + "uniformly", report.epoch(), report.nll(), uniformNll);
        } else if (!(report.loss() <= EXPLOSION_FACTOR * Math.max(firstLoss, uniformNll))) {
            warning = String.format(Locale.ROOT, "loss exploded in epoch %d: %.4g, %.0fx the first epoch's %.4g",
                    report.epoch(), report.loss(), report.loss() / firstLoss, firstLoss);
        }
        if (warning != null) {
            explodedEpochs.add(report.epoch());
            worstNll = Math.max(worstNll, report.nll());
        }
        return warning;
    }

    /** The run's warnings from the epochs checked so far (none if it looks sound), each ending with the advice. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (!explodedEpochs.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "training diverged: the loss exploded in epochs %s (worst nll %.4g, "
                    + "against %.2f for guessing uniformly); %s", explodedEpochs, worstNll, uniformNll, advice));
        }
        if (bestAccuracy != Double.NEGATIVE_INFINITY && bestAccuracy <= chance + CHANCE_TOLERANCE) {
            warnings.add(String.format(Locale.ROOT, "accuracy stayed at chance in every epoch (best %.4f; the most "
                    + "frequent class is %.4f of the monitoring data); %s", bestAccuracy, chance, advice));
        }
        return List.copyOf(warnings);
    }
}
