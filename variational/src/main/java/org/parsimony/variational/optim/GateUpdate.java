package org.parsimony.variational.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.network.ParameterKey;

/**
 * How a gate probability {@code theta_j} moves on its gradient {@code g_j} of the per-example negative ELBO; both are
 * projected onto {@code [0, 1]} after the step, so a gate can reach 0 or 1 exactly (Guenter &amp; Sideris, arXiv
 * 2406.04549, sections 2-3).
 */
public enum GateUpdate {
    /**
     * Projected SGD, {@code theta <- clip(theta - eta g, 0, 1)} ({@link ProjectedGateStep}). The step is proportional
     * to the gradient, whose KL part is {@code KL_j / N} for a unit whose weights cost {@code KL_j} nats: on a small
     * data set, or with a posterior still far from the prior, one epoch of steps closes every gate at once.
     */
    PROJECTED_SGD,
    /**
     * Projected Adam (Kingma &amp; Ba 2015) on the gates:
     * {@code theta <- clip(theta - eta mhat / (sqrt(vhat) + eps), 0, 1)}. The step is at most about {@code eta}
     * whatever the scale of {@code g}, so it does not depend on {@code N} or on the size of the KL, and it is small
     * where the minibatch gradient's sign is noisy (a unit whose likelihood gain and information cost nearly balance).
     * A gate therefore needs at least {@code (theta_0 - pi_min) / eta} steps to close, during which the other units
     * and the weights' posteriors adapt to it.
     */
    PROJECTED_ADAM,
    /**
     * Projected Adam whose second moment is shared by a layer's gates
     * ({@link AdamOptimizer#applySharedScale}): the layer's steps have a size independent of {@code N} and of the KL's
     * scale, as with {@link #PROJECTED_ADAM}, but a gate whose gradient is small next to its layer's (a unit whose
     * likelihood gain nearly pays for its weights) moves slowly, so a layer's gates do not all cross 1/2 together
     * when the KL dominates every unit alike.
     */
    PROJECTED_LAYER_ADAM;

    /**
     * One step of this rule on the gate probabilities {@code theta}, in place, ending inside {@code [0, 1]}.
     *
     * @param adam       holds the Adam rules' moments of the gates, under {@code key}
     * @param projection the projection onto {@code [0, 1]}
     * @param rate       the step size
     * @param updates    how many gate updates this one is, counting from 1 (the Adam rules' bias correction)
     */
    public void apply(AdamOptimizer adam, ProjectedGateStep projection, ParameterKey key, INDArray theta, INDArray gradient,
                      double rate, long updates) {
        switch (this) {
            case PROJECTED_SGD -> projection.apply(theta, gradient, rate);
            case PROJECTED_ADAM -> {
                adam.apply(key, theta, gradient, rate, updates);
                projection.project(theta);
            }
            case PROJECTED_LAYER_ADAM -> {
                adam.applySharedScale(key, theta, gradient, rate, updates);
                projection.project(theta);
            }
        }
    }
}
