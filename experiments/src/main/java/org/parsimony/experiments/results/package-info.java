/**
 * Result records the command line writes: {@code results.json} of a training run (headline numbers, config, seed,
 * data source, epoch history, memory), so every number can be traced and rerun, and the mean and sample standard
 * deviation over seeds that the reports print.
 */
package org.parsimony.experiments.results;
