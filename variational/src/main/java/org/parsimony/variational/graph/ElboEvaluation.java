package org.parsimony.variational.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.network.ParameterKey;

import java.util.Map;

/**
 * One evaluation of the negative ELBO: the trained loss {@code nll + klScale * kl}, its two terms, and the
 * gradient of the loss w.r.t. each parameter (by its layer and kind).
 *
 * @param loss      the value the gradients belong to
 * @param nll       mean negative log-likelihood of the minibatch
 * @param kl        total KL divergence (unscaled)
 * @param gradients gradient arrays by parameter
 */
public record ElboEvaluation(double loss, double nll, double kl, Map<ParameterKey, INDArray> gradients) {
}
