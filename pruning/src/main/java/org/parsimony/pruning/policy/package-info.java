/**
 * What to remove and when (Torch-Pruning's "pruner"): unit policies by ratio (layer-wise or global), by significance or
 * by gate threshold; weight policies by ratio; one-shot and iterative schedules with fine-tuning between rounds, each
 * round removing {@code 1 - (1 - r)^(t/K)} after round {@code t} of {@code K}; and the outcome of each round.
 */
package org.parsimony.pruning.policy;
