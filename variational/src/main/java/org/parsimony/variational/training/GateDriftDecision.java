package org.parsimony.variational.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.network.VariationalNetwork;

/**
 * Decides gates by where they are heading, not only where they are: before the final {@code theta >= 1/2} cut, each
 * gate is moved to {@code clip(theta + H (theta - theta_prev), 0, 1)}, its position after {@code H} more epochs at
 * the rate it moved during the last structure epoch ({@code theta_prev} is its value when that epoch began).
 *
 * <p>Why: the gate posterior's objective is linear in each {@code theta_j} apart from the Bernoulli KL, so its
 * minimiser over {@code [0, 1]} is a vertex, reached by projected gradient steps (Guenter &amp; Sideris, <i>Robust
 * Learning of Parsimonious Deep Neural Networks</i>, 2022). A bounded step needs many epochs to get there, and after
 * a fixed budget of structure epochs many gates are still on their way (measured: 162 of 300 first-layer gates live
 * after 40 epochs on a planted 10-unit teacher, most of them falling); a cut at {@code 1/2} then keeps the ones that
 * started highest rather than the ones the objective keeps. The movement over a whole epoch averages the minibatch
 * noise of the gradient; {@code H = 0} is the plain position cut.
 */
public final class GateDriftDecision {
    private final double horizon;
    private final float[][] before;

    private GateDriftDecision(double horizon, float[][] before) {
        this.horizon = horizon;
        this.before = before;
    }

    /** Records the gates of every gated layer as the last structure epoch begins. */
    public static GateDriftDecision begin(VariationalNetwork network, double horizon) {
        if (!(horizon >= 0) || !Double.isFinite(horizon)) {
            throw new IllegalArgumentException("decision horizon must be >= 0 and finite, got " + horizon);
        }
        float[][] before = new float[network.layerCount() - 1][];
        for (int l = 0; l < before.length; l++) {
            before[l] = network.layer(l).gated() ? network.layer(l).gate().toFloatVector() : null;
        }
        return new GateDriftDecision(horizon, before);
    }

    /**
     * Moves every gate to its extrapolated position; the network's widths must be those of {@link #begin}.
     *
     * @throws IllegalStateException if a layer's width changed since {@link #begin}
     */
    public void extrapolate(VariationalNetwork network) {
        for (int l = 0; l < before.length; l++) {
            if (before[l] == null) {
                continue; // a layer whose channels follow another layer's gate
            }
            INDArray gate = network.layer(l).gate();
            float[] now = gate.toFloatVector();
            if (now.length != before[l].length) {
                throw new IllegalStateException("layer " + l + " has " + now.length + " units, " + before[l].length
                        + " when the decision began");
            }
            float[] next = new float[now.length];
            for (int j = 0; j < now.length; j++) {
                next[j] = (float) Math.max(0, Math.min(1, now[j] + horizon * ((double) now[j] - before[l][j])));
            }
            gate.assign(Nd4j.createFromArray(next).reshape(gate.shape()).castTo(gate.dataType()));
        }
    }
}
