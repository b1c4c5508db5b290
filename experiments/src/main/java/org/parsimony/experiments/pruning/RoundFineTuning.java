package org.parsimony.experiments.pruning;

import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

/**
 * The fine-tuning between the rounds of an allocator's iterative schedule (SiPP, PFP), as {@code PruningSchedule}
 * does it for the ranked criteria: round {@code t} trains with seed {@code fineTune.seed() + t + 1}.
 *
 * @param fineTune the fine-tuning after each round
 */
record RoundFineTuning(FineTuneConfig fineTune) {

    /**
     * {@code pruned} fine-tuned on {@code train} (and closed), or {@code pruned} itself when {@code train} is null.
     *
     * @param mask weights held at zero during training, or null
     */
    DeterministicMlp after(int round, DeterministicMlp pruned, LabeledData train, WeightMask mask) {
        if (train == null) {
            return pruned;
        }
        DeterministicMlp tuned = new DeterministicTrainer(fineTune.withSeed(fineTune.seed() + round + 1))
                .train(pruned, train, mask, null);
        pruned.close();
        return tuned;
    }
}
