/**
 * The measurements of the seed papers' weight-level protocols: accuracy and output error against the fraction of
 * weights removed, before and after retraining with the mask fixed ({@link org.parsimony.pruning.evaluation.PruneRetrainCurve}),
 * the "trained in isolation" retraining of a mask from the initial weights
 * ({@link org.parsimony.pruning.evaluation.IsolatedRetraining}) and the rescaling that shows which criteria depend on a
 * layer's arbitrary scale ({@link org.parsimony.pruning.evaluation.LayerRescaling}).
 */
package org.parsimony.pruning.evaluation;
