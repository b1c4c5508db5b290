package org.parsimony.pruning.criteria.sipp;

import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.variational.network.DeterministicMlp;

/**
 * What {@link PfpUnitPruner} produced.
 *
 * @param network    the smaller network after surgery (outgoing weights of sampled units reweighted)
 * @param kept       the hidden units kept, indices into the original network
 * @param keptUnits  hidden units kept
 * @param totalUnits hidden units of the original network
 * @param epsilon    the relative error {@code eps} shared by all layers in the allocation; {@code NaN} when the
 *                   target kept every unit with positive sensitivity (no allocation needed)
 */
public record PfpUnitPruning(DeterministicMlp network, KeptUnits kept, int keptUnits, int totalUnits, double epsilon) {

    /** The fraction of hidden units actually removed, {@code 1 - kept / total}. */
    public double realizedRatio() {
        return 1.0 - (double) keptUnits / totalUnits;
    }
}
