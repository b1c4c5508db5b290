package org.parsimony.pruning.finetune;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** Called by {@link DeterministicTrainer} after every optimizer update. */
@FunctionalInterface
public interface TrainingStepListener {
    /**
     * @param step    number of updates made so far (1 after the first)
     * @param loss    the minibatch loss the update was computed from (mean cross-entropy, before the update)
     * @param weights the live weight matrices {@code [n_{l-1}, n_l]} after the update; read them, copy what
     *                must be kept (they are freed when training ends), never modify them
     */
    void afterStep(long step, double loss, List<INDArray> weights);
}
