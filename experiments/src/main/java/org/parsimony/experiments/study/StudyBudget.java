package org.parsimony.experiments.study;

import org.parsimony.variational.data.InputScaling;

import java.io.Serializable;

/**
 * The training budget every method of a study gets (ShrinkBench's protocol: same data, budget and fine-tuning for
 * all), and the input scaling all of them see: the criteria prune a dense start trained for {@code denseEpochs}, the variational method trains its gated
 * network for {@code variationalEpochs}, and both then fine-tune for {@code fineTuneEpochs}.
 *
 * @param denseEpochs       epochs of the dense start shared by all criteria and ratios of a (data set, architecture, seed)
 * @param variationalEpochs epochs of variational training (structure and weights)
 * @param fineTuneEpochs    fine-tuning epochs after the structure is decided, the same for every method
 * @param bootstrapWindow   Adam updates whose iterates give MU's pseudo-bootstrap standard deviations
 * @param inputs            how the pixels are scaled for every run; {@code null} (a study file written before this
 *                          setting existed) means {@link InputScaling#raw}, how those studies ran
 */
public record StudyBudget(int denseEpochs, int variationalEpochs, int fineTuneEpochs, int bootstrapWindow,
                          InputScaling inputs) implements Serializable {

    /** @throws IllegalArgumentException naming the first setting out of range */
    public StudyBudget {
        inputs = inputs == null ? InputScaling.raw : inputs;
        if (denseEpochs < 1 || variationalEpochs < 1) {
            throw new IllegalArgumentException("--dense-epochs and --epochs must be >= 1, got " + denseEpochs + " and "
                    + variationalEpochs);
        }
        if (fineTuneEpochs < 0) {
            throw new IllegalArgumentException("--fine-tune must be >= 0, got " + fineTuneEpochs);
        }
        if (bootstrapWindow < 1) {
            throw new IllegalArgumentException("bootstrap window must be >= 1, got " + bootstrapWindow);
        }
    }

    /** One sentence stating the budget, for {@code summary.md}. */
    public String statement() {
        return String.format("Equal budget: every criterion prunes the same dense start (%s, one per data set, "
                + "architecture and seed) layer-wise in one shot and is then fine-tuned for %s; the variational "
                + "method trains its gated network for %s and is then fine-tuned for the same %s. "
                + "Same data, same seeds, same batch size for all. %s", epochs(denseEpochs), epochs(fineTuneEpochs),
                epochs(variationalEpochs), epochs(fineTuneEpochs), inputs.statement());
    }

    /** One sentence stating the budget of a study of the variational method alone (the robustness preset). */
    public String variationalStatement() {
        return String.format("Budget: the variational method trains its gated network for %s and is then fine-tuned "
                + "for %s. Same data and batch size for every run. %s", epochs(variationalEpochs), epochs(fineTuneEpochs),
                inputs.statement());
    }

    private static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }
}
