/**
 * Confident pruning (Alvarez, arXiv 2408.04759; Learn-then-Test, Angelopoulos et al., arXiv 2110.01052): a
 * pruning ratio with a finite-sample, distribution-free guarantee on the risk of the pruned network.
 * {@link org.parsimony.pruning.confidence.ConfidentPruning} runs the procedure with any
 * {@link org.parsimony.pruning.confidence.RatioPruner}, a pluggable
 * {@link org.parsimony.pruning.confidence.CalibrationLoss} and the
 * {@link org.parsimony.pruning.confidence.HoeffdingBentkus} p-value.
 */
package org.parsimony.pruning.confidence;
