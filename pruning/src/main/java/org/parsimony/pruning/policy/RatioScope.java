package org.parsimony.pruning.policy;

/** Where a pruning ratio applies. */
public enum RatioScope {
    /** One ranking over the units (or weights) of all layers: layers lose different fractions. */
    GLOBAL,
    /** The ratio applies to each layer separately: every layer loses the same fraction. */
    LAYER_WISE
}
