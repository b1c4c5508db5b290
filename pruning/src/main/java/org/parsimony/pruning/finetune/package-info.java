/**
 * Deterministic training of dense starts and of pruned networks: Adam on the likelihood (softmax cross-entropy),
 * seeded minibatches, a constant or half-cosine learning rate, for MLPs by hand-written backprop and for conv nets in
 * a SameDiff graph, with a per-step listener through which MU's pseudo-bootstrap is recorded.
 */
package org.parsimony.pruning.finetune;
