/**
 * Optimisers: Adam with its moments (sliced with the parameters when units are removed), the projected update of the
 * gate probabilities onto {@code [0, 1]} (projected Adam by default, projected SGD as the papers write it), and the
 * half-cosine learning-rate schedule of fine-tuning.
 */
package org.parsimony.variational.optim;
