package org.parsimony.pruning.criteria.sipp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.DeterministicMlp;

/** A small trained MLP, a sensitivity batch drawn from its data and held-out inputs to measure output errors. */
final class SippFixtures {
    static final LabeledData DATA = SyntheticData.blobs(900, 10, 4, 7);
    static final DeterministicMlp NETWORK = new DeterministicTrainer(new FineTuneConfig(5, 32, 0.01, 2))
            .train(DeterministicTrainer.initialize(new int[] {10, 24, 16, 4}, 3), DATA.head(600));
    /** 64 training inputs. */
    static final INDArray BATCH = features(DATA, 0, 64);
    /** 300 inputs never used for training or sensitivities. */
    static final INDArray HELD_OUT = features(DATA, 600, 900);

    private SippFixtures() {
    }

    static INDArray features(LabeledData data, int from, int to) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return Minibatch.of(data, order, from, to).features();
    }

    /** Mean over rows of {@code ||f_pruned(x) - f(x)|| / ||f(x)||} on the logits. */
    static double relativeOutputError(DeterministicMlp original, DeterministicMlp pruned, INDArray inputs) {
        INDArray reference = original.logits(inputs);
        INDArray difference = pruned.logits(inputs).sub(reference);
        return difference.norm2(1).div(reference.norm2(1)).meanNumber().doubleValue();
    }
}
