/**
 * The pruning runs a study or reproduction makes from a dense start: weight-level pruning to a ratio with its
 * before/after measurements, PFP's unit pruning, the fine-tuning between rounds, the open-gate variational net whose
 * posterior sigma {@code mu-var} scores, and the comparison table they fill.
 */
package org.parsimony.experiments.pruning;
