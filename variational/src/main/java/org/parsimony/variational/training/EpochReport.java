package org.parsimony.variational.training;

/**
 * What one epoch did: mean loss terms over its minibatches (the loss is the one that was differentiated),
 * the accuracy of the deterministic network on the monitoring set, units alive per hidden layer after the
 * epoch's removals, and timing.
 *
 * @param epoch        1-based epoch number
 * @param fineTuning   whether this epoch fine-tuned the decided deterministic network (no KL, gates fixed)
 * @param loss         mean of {@code nll + kl / N} over minibatches
 * @param nll          mean negative log-likelihood
 * @param kl           mean unscaled KL
 * @param accuracy     top-1 accuracy of the current deterministic network on the monitoring data
 * @param liveUnits    units alive per hidden layer
 * @param seconds      wall time of the epoch's training steps (excluding evaluation)
 * @param temperature  binary-concrete temperature at the epoch's end
 */
public record EpochReport(int epoch, boolean fineTuning, double loss, double nll, double kl, double accuracy, int[] liveUnits,
                          double seconds, double temperature) {

    /** One line, the live units as a list (a record's own {@code toString} prints an array's identity). */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "EpochReport[epoch=%d, fineTuning=%b, loss=%s, nll=%s, kl=%s, "
                + "accuracy=%s, liveUnits=%s, seconds=%s, temperature=%s]", epoch, fineTuning, loss, nll, kl, accuracy,
                java.util.Arrays.toString(liveUnits), seconds, temperature);
    }
}
