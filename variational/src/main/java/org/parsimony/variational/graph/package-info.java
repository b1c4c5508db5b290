/**
 * The negative ELBO of a gated network and its gradients: a hand-written forward and backward pass for MLPs (local
 * reparameterization, straight-through or relaxed Bernoulli gates) and a SameDiff graph for conv nets, with the
 * per-layer prior terms; plus the deterministic likelihood graph used as the like-for-like baseline.
 */
package org.parsimony.variational.graph;
