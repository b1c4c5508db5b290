package org.parsimony.pruning.criteria;

/**
 * What a registered criterion reads besides the weights, so that a pruner gathers it before scoring and refuses a
 * network that cannot provide it.
 */
public enum CriterionNeed {
    /** Weight standard deviations: a pseudo-bootstrap over more training, or a variational posterior. */
    UNCERTAINTY,
    /** Gate probabilities of a variational network (a deterministic network has none). */
    GATES,
    /** A batch of training inputs ({@link CriterionContext#batch()}). */
    DATA,
    /** The network itself as an MLP (conv nets are not scored). */
    MLP
}
