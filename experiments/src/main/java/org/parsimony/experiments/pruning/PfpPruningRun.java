package org.parsimony.experiments.pruning;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.sipp.EmpiricalSensitivity;
import org.parsimony.pruning.criteria.sipp.PfpUnitPruner;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.RoundRatios;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.function.Consumer;

/**
 * Prunes the hidden units of one MLP with PFP through its own allocation ({@link PfpUnitPruner}: one relative error
 * shared by all layers, solved for the target number of parameters, weights and biases counted as torchprune counts
 * a network's size), in one shot or in rounds, and measures it before and after fine-tuning. After round {@code t} of
 * {@code T} the network keeps {@code round((1 - r_t) P)} of the dense net's {@code P} parameters, with
 * {@code r_t = 1 - (1 - r)^(t/T)} ({@link RoundRatios}, as {@code prune --rounds}), and each round measures the
 * sensitivities of its own network on the same batch. "Before fine-tuning" is the schedule run without any
 * fine-tuning, as in {@link org.parsimony.pruning.Pruner}.
 */
public final class PfpPruningRun {
    private final int rounds;
    private final FineTuneConfig fineTune;

    /**
     * @param rounds   pruning rounds, >= 1
     * @param fineTune the fine-tuning after each round ({@code epochs == 0}: none)
     */
    public PfpPruningRun(int rounds, FineTuneConfig fineTune) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
        this.rounds = rounds;
        this.fineTune = fineTune;
    }

    /**
     * The pruned network before and after fine-tuning, each as accuracy and widths.
     *
     * @param accuracyBefore test accuracy of the schedule run without fine-tuning
     * @param accuracyAfter  test accuracy after fine-tuning
     * @param network        the final network (the caller closes it)
     */
    public record Result(double accuracyBefore, double accuracyAfter, DeterministicMlp network) {
    }

    /**
     * Prunes {@code dense} to {@code ratio} of its parameters.
     *
     * @param sensitivities told the sensitivities of every round (may be null)
     */
    public Result run(DeterministicMlp dense, INDArray batch, double ratio, long seed, LabeledData train, LabeledData test,
                      Consumer<EmpiricalSensitivity> sensitivities) {
        DeterministicMlp unTuned = rounds(dense, batch, ratio, seed, null, sensitivities);
        double before = unTuned.accuracy(test);
        if (fineTune.epochs() == 0) {
            return new Result(before, before, unTuned);
        }
        unTuned.close();
        DeterministicMlp tuned = rounds(dense, batch, ratio, seed, train, sensitivities);
        return new Result(before, tuned.accuracy(test), tuned);
    }

    private DeterministicMlp rounds(DeterministicMlp dense, INDArray batch, double ratio, long seed, LabeledData train,
                                   Consumer<EmpiricalSensitivity> sensitivities) {
        long parameters = dense.complexity().parameters();
        double[] cumulative = RoundRatios.cumulative(ratio, rounds);
        DeterministicMlp current = dense;
        for (int t = 0; t < rounds; t++) {
            EmpiricalSensitivity sensitivity = EmpiricalSensitivity.of(current, batch);
            if (sensitivities != null) {
                sensitivities.accept(sensitivity);
            }
            long target = Math.min(current.complexity().parameters(), Math.round((1 - cumulative[t]) * parameters));
            DeterministicMlp next = new PfpUnitPruner(current, sensitivity).pruneToParameters(target, seed + t).network();
            next = new RoundFineTuning(fineTune).after(t, next, train, null);
            if (current != dense) {
                current.close();
            }
            current = next;
            System.gc(); // the round's ND4J temporaries (see PruningSchedule)
        }
        return current;
    }
}
