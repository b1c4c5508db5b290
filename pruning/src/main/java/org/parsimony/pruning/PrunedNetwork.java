package org.parsimony.pruning;

import org.parsimony.variational.network.DeterministicNetwork;

/**
 * What a {@link Pruner} returns: the smaller network, fine-tuned, and its before/after report.
 *
 * @param network the pruned network (save it with {@link org.parsimony.pruning.io.ModelFiles#save})
 * @param report  widths, parameters, multiply-adds, accuracies and inference times of the dense and pruned networks
 */
public record PrunedNetwork(DeterministicNetwork network, StructuredPruningResult report) {
}
