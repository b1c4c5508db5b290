/**
 * {@code parsimony reproduce}: each seed paper's headline experiment run by the library as the paper describes it,
 * written as a table, a results file, a plot and a one-line verdict. The protocols are thin: the pruning, retraining,
 * rescaling and coverage measurements are the {@code pruning} module's
 * ({@link org.parsimony.pruning.evaluation}, {@link org.parsimony.pruning.confidence.ConfidentCoverage}).
 */
package org.parsimony.experiments.reproduce;
