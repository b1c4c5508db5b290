/**
 * Pruning, in the three rooms of Torch-Pruning: <em>criteria</em> score units and weights from one object, the
 * posterior statistics ({@link org.parsimony.pruning.statistics}, {@link org.parsimony.pruning.criteria});
 * <em>policies and schedules</em> decide what to remove, at which ratio or significance, in one shot or
 * iteratively with fine-tuning ({@link org.parsimony.pruning.policy}, {@link org.parsimony.pruning.finetune});
 * <em>surgery</em> removes units physically or masks weights ({@link org.parsimony.pruning.surgery}).
 * {@link org.parsimony.pruning.io} saves a pruned network as a SameDiff graph with a JSON description.
 * {@link org.parsimony.pruning.criteria.sipp} holds the data-informed SiPP/PFP criterion and its pruners with
 * reweighting; {@link org.parsimony.pruning.confidence} certifies a pruning ratio with a finite-sample risk
 * guarantee (Learn-then-Test) for any of them.
 */
package org.parsimony.pruning;
