package org.parsimony.pruning.criteria.sipp;

import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.network.DeterministicMlp;

/**
 * What {@link SippWeightPruner} produced.
 *
 * @param network             the pruned network: masked weights 0, sampled weights reweighted by
 *                            {@code count / (N p)}, biases unchanged
 * @param mask                which weights are kept (1) or pruned (0); every bias kept
 * @param keptWeights         weights the mask keeps
 * @param totalWeights        weights of the network
 * @param sampleBudget        the total sample budget {@code B} that was allocated, or -1 when the target kept
 *                            every weight with positive sensitivity (no allocation needed)
 * @param deterministicGroups groups (unit, sign) sparsified by keeping their most sensitive weights
 * @param sampledGroups       groups sparsified by importance sampling
 */
public record SippWeightPruning(DeterministicMlp network, WeightMask mask, long keptWeights, long totalWeights,
                                long sampleBudget, int deterministicGroups, int sampledGroups) {

    /** The fraction of weights actually pruned, {@code 1 - kept / total}. */
    public double realizedRatio() {
        return 1.0 - (double) keptWeights / totalWeights;
    }
}
