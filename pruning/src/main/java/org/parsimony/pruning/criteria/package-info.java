/**
 * Pruning criteria: how to score units and weights (Torch-Pruning's "importance"). Magnitude, MU (Ko et al. 2019:
 * {@code |w| / sigma} and its Wald statistic over a unit), the gate probability of a variational net, and random
 * scores; each reads the network's posterior statistics and scores every hidden unit or weight. SiPP and PFP are in
 * {@code criteria.sipp}.
 */
package org.parsimony.pruning.criteria;
