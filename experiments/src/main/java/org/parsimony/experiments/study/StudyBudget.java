package org.parsimony.experiments.study;

import org.parsimony.variational.data.InputScaling;
import org.parsimony.pruning.policy.RatioScope;

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
 * @param granularity       whether the criteria remove units or single weights; {@code null} (a study written before
 *                          this setting existed) means {@link Granularity#units}
 * @param scope             whether the criteria rank each layer or the whole net; {@code null} means layer-wise
 * @param rounds            prune-and-fine-tune rounds of the criteria (1: one shot); {@code null} means 1
 */
public record StudyBudget(int denseEpochs, int variationalEpochs, int fineTuneEpochs, int bootstrapWindow,
                          InputScaling inputs, Granularity granularity, RatioScope scope, Integer rounds)
        implements Serializable {

    /** A study of units, ranked layer-wise, pruned in one shot. */
    public StudyBudget(int denseEpochs, int variationalEpochs, int fineTuneEpochs, int bootstrapWindow,
                       InputScaling inputs) {
        this(denseEpochs, variationalEpochs, fineTuneEpochs, bootstrapWindow, inputs, Granularity.units,
                RatioScope.LAYER_WISE, 1);
    }

    /**
     * The command line's budget: 10 dense epochs, 10 variational epochs, 2 fine-tuning epochs, a pseudo-bootstrap window
     * of 50 updates, standardised inputs, units removed layer-wise in one shot.
     */
    public static StudyBudget defaults() {
        return new StudyBudget(10, 10, 2, 50, InputScaling.standardized);
    }

    /** @throws IllegalArgumentException naming the first setting out of range */
    public StudyBudget {
        inputs = inputs == null ? InputScaling.raw : inputs;
        granularity = granularity == null ? Granularity.units : granularity;
        scope = scope == null ? RatioScope.LAYER_WISE : scope;
        rounds = rounds == null ? 1 : rounds;
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
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
        if (granularity == Granularity.weights) {
            return String.format("Equal budget: every criterion prunes single weights (all layers, biases kept; stored "
                    + "sparse, FLOPs counted as non-zero multiply-adds) of the same dense start (%s on 90 %% of the "
                    + "training set, one per data set, architecture and seed; the other 10 %% are held out for SiPP's "
                    + "sensitivity batch) %s %s and is then fine-tuned for %s with the pruned weights held at 0%s; "
                    + "mu-var instead prunes the posterior-mean net of a variational net trained with its gates held "
                    + "open for %s on the same examples, scored by its posterior sigma. Same data, same seeds, same "
                    + "batch size for all. %s", epochs(denseEpochs), scopeText(), roundsText(), epochs(fineTuneEpochs),
                    rounds > 1 ? " after every round" : "", epochs(variationalEpochs), inputs.statement());
        }
        return String.format("Equal budget: every criterion prunes the same dense start (%s, one per data set, "
                + "architecture and seed) %s %s and is then fine-tuned for %s%s; the variational "
                + "method trains its gated network for %s and is then fine-tuned for the same %s. "
                + "Same data, same seeds, same batch size for all. %s", epochs(denseEpochs), scopeText(), roundsText(),
                epochs(fineTuneEpochs), rounds > 1 ? " after every round" : "", epochs(variationalEpochs),
                epochs(fineTuneEpochs), inputs.statement());
    }

    private String scopeText() {
        return scope == RatioScope.GLOBAL ? "globally (one ranking over the net)" : "layer-wise";
    }

    private String roundsText() {
        return rounds == 1 ? "in one shot" : "in " + rounds + " rounds (cumulative ratio 1 - (1 - r)^(t/" + rounds + ") "
                + "after round t, the criterion recomputed on each round's network)";
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
