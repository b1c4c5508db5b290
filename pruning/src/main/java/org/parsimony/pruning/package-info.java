/**
 * Pruning. The front door is {@link org.parsimony.pruning.Pruner}: a criterion by name, a ratio, fine-tuning, and
 * {@code prune(network, data)} returns the smaller network with its before/after report, for MLPs and conv nets alike;
 * {@link org.parsimony.pruning.DenseStart} trains a dense MLP while recording MU's pseudo-bootstrap.
 *
 * <p>Underneath, the three rooms of Torch-Pruning: <em>criteria</em> score units and weights from one object, a
 * {@link org.parsimony.pruning.criteria.CriterionContext} (the network, its posterior statistics and an optional batch
 * of training inputs; {@link org.parsimony.pruning.statistics}, {@link org.parsimony.pruning.criteria}), registered by
 * name in {@link org.parsimony.pruning.criteria.PruningCriteria};
 * <em>policies and schedules</em> decide what to remove, at which ratio or significance, in one shot or
 * iteratively with fine-tuning ({@link org.parsimony.pruning.policy}, {@link org.parsimony.pruning.finetune});
 * <em>surgery</em> removes units physically or masks weights ({@link org.parsimony.pruning.surgery}).
 * {@link org.parsimony.pruning.io} saves a pruned network as a SameDiff graph with a JSON description.
 * {@link org.parsimony.pruning.criteria.sipp} holds the data-informed SiPP/PFP criterion and its pruners with
 * reweighting; {@link org.parsimony.pruning.confidence} certifies a pruning ratio with a finite-sample risk
 * guarantee (Learn-then-Test) for any of them.
 */
package org.parsimony.pruning;
