/**
 * Pruning criteria: how important each unit and each weight is (Torch-Pruning's "importance"). A criterion scores a
 * {@link org.parsimony.pruning.criteria.CriterionContext} (the network as it is now, its statistics, an optional batch of
 * training inputs) and declares a {@link org.parsimony.pruning.criteria.CriterionType} (name, help line, what it needs),
 * by which {@link org.parsimony.pruning.criteria.PruningCriteria} registers it for the pruner, the command line and the
 * studies: magnitude (Han et al. 2015), MU (Ko et al. 2019: {@code |w| / sigma} and its Wald statistic over a unit),
 * random, the variational gate, and SiPP and PFP ({@link org.parsimony.pruning.criteria.sipp}).
 */
package org.parsimony.pruning.criteria;
