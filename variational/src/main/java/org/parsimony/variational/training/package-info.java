/**
 * The variational trainer: warm-up, structure epochs that remove units whose gate stays closed, the final decision of
 * every gate, fine-tuning on the likelihood, and the prior's hyper-parameter updates between epochs; its settings
 * ({@code TrainerConfig}, {@code PriorSettings}), per-epoch reports and listeners, seeded noise, checkpoints written
 * atomically and resumed to the same numbers, and the guards that flag divergence, accuracy drops and resident memory.
 */
package org.parsimony.variational.training;
