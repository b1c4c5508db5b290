package org.parsimony.variational.network;

/**
 * Exact size and per-example cost of a network: weights plus biases, and multiply-adds of one forward pass (one per
 * weight use; bias additions, activations and pooling are not counted, as is usual for FLOP counts of pruned networks).
 */
public interface NetworkComplexity {
    /** Number of weights and biases. */
    long parameters();

    /** Multiply-adds for one example's forward pass. */
    long multiplyAdds();
}
