package org.parsimony.pruning.evaluation;

import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.Objects;

/**
 * The "trained in isolation" experiment of SiPP (Baykal et al., SIMODS 2021, after Frankle &amp; Carbin's lottery
 * tickets): a mask found on the trained network is applied to the network's <em>initial</em> weights, and that sparse
 * network is trained from scratch with the mask fixed, for the dense network's budget. If it reaches the dense accuracy,
 * the mask alone (not the trained values) carries the structure.
 */
public final class IsolatedRetraining {
    private final FineTuneConfig training;

    /** @param training the from-scratch training (the dense network's epochs, seed and learning rate) */
    public IsolatedRetraining(FineTuneConfig training) {
        this.training = Objects.requireNonNull(training, "training");
    }

    /**
     * Trains {@code initial} (the dense network's initial weights) masked by {@code mask} on {@code train}.
     *
     * @throws IllegalArgumentException if the mask does not fit the network or the data do not fit it
     */
    public DeterministicMlp train(DeterministicMlp initial, WeightMask mask, LabeledData train) {
        mask.requireFits(initial.widths());
        return new DeterministicTrainer(training).train(initial, train, mask, null);
    }
}
