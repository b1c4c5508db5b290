package org.parsimony.variational.graph;

import org.parsimony.priors.BernoulliGatePrior;
import org.parsimony.priors.FlattenedGatePrior;
import org.parsimony.priors.GatedUnitKl;
import org.parsimony.variational.network.VariationalNetwork;

/**
 * The per-example negative ELBO of a {@link VariationalNetwork} and its gradients (defined in {@link ElboGraph}),
 * evaluated on the network's current arrays, which are read by reference on every call.
 */
public interface ElboObjective {
    /**
     * Evaluates the loss and its gradients for one minibatch with the given noise.
     *
     * @return the loss terms and the gradient of {@code loss} w.r.t. every parameter, keyed by
     *         {@link org.parsimony.variational.network.ParameterKey}
     */
    ElboEvaluation evaluate(ElboInputs inputs);

    /**
     * Hands back the arrays of {@code evaluation} that this objective allocated for the caller, once the caller is done
     * with them (after the optimizer step): the objective may free or reuse them. The SameDiff graph frees them.
     */
    default void release(ElboEvaluation evaluation) {
    }

    /**
     * Frees the native arrays this objective keeps between evaluations, when the caller is done with it (for example
     * when units were removed and a smaller objective replaces it). The default holds none.
     */
    default void close() {
    }

    /**
     * The fastest implementation for the network's current shapes: the hand-written {@link DenseElboBackprop} when
     * every layer is dense, else the SameDiff {@link ElboGraph}. Build a new one when the shapes change.
     *
     * @param pointMassSpike     whether {@code p(w | z=0)} is a point mass at 0 (no spike KL term)
     * @param estimator          how gate samples are drawn and differentiated
     * @param flattenedGatePrior whether the gate term is the cross-entropy instead of the KL (see {@link ElboGraph})
     */
    static ElboObjective of(VariationalNetwork network, boolean pointMassSpike, GateEstimator estimator,
                            boolean flattenedGatePrior) {
        return of(network, unitKl(pointMassSpike, flattenedGatePrior), estimator);
    }

    /**
     * As {@link #of(VariationalNetwork, boolean, GateEstimator, boolean)} with the KL terms of {@code unitKl}.
     */
    static ElboObjective of(VariationalNetwork network, GatedUnitKl unitKl, GateEstimator estimator) {
        return network.architecture().supportsDenseFastPath()
                ? new DenseElboBackprop(network, unitKl, estimator)
                : new ElboGraph(network, unitKl, estimator);
    }

    /** The KL terms of the Bernoulli gate KL (or the flattened gate term) and a point-mass or Gaussian spike. */
    static GatedUnitKl unitKl(boolean pointMassSpike, boolean flattenedGatePrior) {
        return new GatedUnitKl(flattenedGatePrior ? FlattenedGatePrior.INSTANCE : BernoulliGatePrior.INSTANCE,
                pointMassSpike);
    }
}
