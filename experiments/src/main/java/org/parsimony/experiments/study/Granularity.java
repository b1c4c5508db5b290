package org.parsimony.experiments.study;

/**
 * What the criteria of a study remove. {@link #units}: whole hidden units (filters of a conv net), so the pruned
 * network is a smaller dense one (the study's default, Torch-Pruning's structured pruning). {@link #weights}: single
 * weights of every layer, output layer included (biases never), so the network keeps its shape and is stored sparse;
 * its FLOPs are the non-zero multiply-adds (the unstructured pruning of the MU and SiPP papers).
 */
public enum Granularity {
    /** Hidden units (structured). */
    units,
    /** Single weights (unstructured, stored sparse). */
    weights
}
