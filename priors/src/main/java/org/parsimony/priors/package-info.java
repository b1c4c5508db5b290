/**
 * The priors of the gated variational network, as immutable objects in the manner of Commons Math: the
 * Gaussian-scale-mixture prior of a unit's weights conditioned on its gate (Guenter &amp; Sideris, arXiv 2205.04650),
 * the Bernoulli gate prior, the Gaussian KL divergence, and the hyper-priors with their closed-form MAP updates (the
 * sparsity-adaptive {@code Beta(1, J^u)} inclusion prior after Castillo &amp; van der Vaart, the inverse-gamma slab).
 * Plain arrays only: no ND4J.
 */
package org.parsimony.priors;
