/**
 * The posterior statistics criteria score from: per layer, the weights' means and standard deviations, taken either
 * from a variational posterior or from a pseudo-bootstrap over the last iterates of deterministic training (Ko et
 * al. 2019), recorded step by step while the network trains.
 */
package org.parsimony.pruning.statistics;
