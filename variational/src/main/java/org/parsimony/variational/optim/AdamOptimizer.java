package org.parsimony.variational.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.elements.NativeElements;
import org.parsimony.variational.network.ParameterKey;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Adam over parameters addressed by their {@link ParameterKey}, updating them in place by {@link AdamRule}
 * (Kingma &amp; Ba, ICLR 2015): {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code p -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps)}.
 *
 * <p>We own the moment estimates (instead of SameDiff's updater) so that when the trainer removes units
 * it can slice them exactly like the parameters they belong to ({@link #keep}), and so that they can be
 * checkpointed as plain arrays.
 */
public final class AdamOptimizer {
    private final AdamRule rule;
    private final Map<ParameterKey, AdamMoments> moments = new HashMap<>();
    private long step;
    /** Java arrays of the update loop, reused from call to call. */
    private final NativeElements.Arena arena = new NativeElements.Arena();

    /** Adam with the usual defaults {@code b1 = 0.9}, {@code b2 = 0.999}, {@code eps = 1e-8}. */
    public AdamOptimizer() {
        this(0.9, 0.999, 1e-8);
    }

    /**
     * @throws IllegalArgumentException unless {@code 0 <= beta1, beta2 < 1} and {@code epsilon > 0}
     */
    public AdamOptimizer(double beta1, double beta2, double epsilon) {
        this.rule = new AdamRule(beta1, beta2, epsilon);
    }

    /** Starts a new step: call once per minibatch before the {@link #apply} calls of that step. */
    public void beginStep() {
        step++;
    }

    /** Number of steps begun so far. */
    public long step() {
        return step;
    }

    /**
     * Applies one Adam update to {@code parameter} in place.
     *
     * @param key          the parameter's layer and kind, which keys its moment estimates
     * @param parameter    the parameter, updated in place
     * @param gradient     gradient of the loss w.r.t. {@code parameter}, same shape; read, not changed
     * @param learningRate step size
     */
    public void apply(ParameterKey key, INDArray parameter, INDArray gradient, double learningRate) {
        if (step == 0) {
            throw new IllegalStateException("call beginStep() before apply()");
        }
        apply(key, parameter, gradient, learningRate, step);
    }

    /**
     * As {@link #apply(ParameterKey, INDArray, INDArray, double)}, with the bias correction of the {@code updates}-th update
     * of this parameter instead of the optimizer's step count: for a parameter that starts learning later than the
     * others (the gates, after the KL warm-up), whose moments would otherwise be corrected as if they had been
     * averaging since the first step.
     *
     * @throws IllegalArgumentException if {@code updates < 1}
     */
    public void apply(ParameterKey key, INDArray parameter, INDArray gradient, double learningRate, long updates) {
        AdamMoments estimates = checkedMoments(key, parameter, gradient, updates);
        // views (a parameter sliced by the caller) are read and written through plain copies, so that every update,
        // whatever the arrays' layout, takes the same arithmetic: a resumed run repeats an uninterrupted one exactly
        arena.reset();
        double scale = rule.stepSize(learningRate, updates);
        NativeElements p = arena.readAsStored(parameter);
        INDArray sameType = gradient.dataType() == parameter.dataType() ? gradient
                : gradient.castTo(parameter.dataType());
        NativeElements g = arena.readAsStored(sameType);
        if (sameType != gradient) {
            sameType.close();
        }
        if (p.isFloat()) {
            rule.update(p.floats(), g.floats(), estimates.firstFloats(), estimates.secondFloats(), p.length(),
                    (float) scale);
        } else {
            rule.update(p.values(), g.values(), estimates.firstDoubles(), estimates.secondDoubles(), p.length(), scale);
        }
        p.store();
    }

    /**
     * A step with Adam's first moment per element but one second moment shared by the whole array (the mean of the
     * squared gradients), each element's step clipped to at most {@code learningRate}:
     * {@code v = b2 v + (1-b2) mean_j g_j^2}, {@code p_j -= lr clip(mhat_j / (sqrt(vhat) + eps), -1, 1)}, bias-corrected
     * by {@code updates}. Unlike Adam, whose per-element normalisation moves every element whose gradient keeps its sign
     * at the same speed, it keeps the elements' relative speeds (an element with a tenth of the typical gradient moves
     * a tenth as fast) while the array's overall step size stays independent of the gradient's scale; the shared
     * second moment is stored in every element of the second-moment array so that it is sliced and checkpointed like
     * Adam's. Used for a layer's gate probabilities ({@link GateUpdate#PROJECTED_LAYER_ADAM}).
     *
     * @throws IllegalArgumentException if the shapes differ or {@code updates < 1}
     */
    public void applySharedScale(ParameterKey key, INDArray parameter, INDArray gradient, double learningRate, long updates) {
        AdamMoments estimates = checkedMoments(key, parameter, gradient, updates);
        arena.reset();
        NativeElements p = arena.read(parameter);
        double[] values = p.values();
        double[] g = arena.read(gradient).values();
        int n = p.length();
        double meanSquare = 0;
        for (double gi : g) {
            meanSquare += gi * gi;
        }
        meanSquare /= n;
        double firstCorrection = rule.firstCorrection(updates);
        double secondCorrection = rule.secondCorrection(updates);
        for (int i = 0; i < n; i++) {
            double m = rule.firstMoment(estimates.first(i), g[i]);
            double v = rule.secondMoment(estimates.second(i), meanSquare, 1);
            estimates.set(i, m, v);
            double step = (m / firstCorrection) / (Math.sqrt(v / secondCorrection) + rule.epsilon());
            values[i] -= learningRate * Math.max(-1, Math.min(1, step));
        }
        p.store();
    }

    /** {@code key}'s moments, after checking the update count and that the gradient has the parameter's shape. */
    private AdamMoments checkedMoments(ParameterKey key, INDArray parameter, INDArray gradient, long updates) {
        if (updates < 1) {
            throw new IllegalArgumentException("update count must be >= 1, got " + updates);
        }
        if (!parameter.equalShapes(gradient)) {
            throw new IllegalArgumentException("gradient shape " + java.util.Arrays.toString(gradient.shape())
                    + " does not match parameter " + key + " " + java.util.Arrays.toString(parameter.shape()));
        }
        return moments(key, parameter);
    }

    /**
     * {@code key}'s moment estimates, zeros to start, converted to the parameter's type if they are of another.
     *
     * @throws IllegalStateException if they no longer have the parameter's shape
     */
    private AdamMoments moments(ParameterKey key, INDArray parameter) {
        AdamMoments estimates = moments.computeIfAbsent(key,
                k -> AdamMoments.zeros(parameter.dataType(), parameter.shape()));
        if (!java.util.Arrays.equals(estimates.shape(), parameter.shape())) {
            throw new IllegalStateException("moments of " + key + " have shape "
                    + java.util.Arrays.toString(estimates.shape()) + ", the parameter "
                    + java.util.Arrays.toString(parameter.shape()) + "; slice them with keep() when the parameter shrinks");
        }
        if (estimates.type() != parameter.dataType()) {
            INDArray[] arrays = estimates.arrays();
            estimates = AdamMoments.of(arrays[0], arrays[1], parameter.dataType());
            moments.put(key, estimates);
        }
        return estimates;
    }

    /**
     * Replaces {@code key}'s moment estimates by {@code selection} of them, mirroring the removal of
     * units (columns) or inputs (rows) from the parameter itself.
     */
    public void keep(ParameterKey key, UnaryOperator<INDArray> selection) {
        moments.computeIfPresent(key, (k, estimates) -> {
            INDArray[] arrays = estimates.arrays();
            return AdamMoments.of(selection.apply(arrays[0]), selection.apply(arrays[1]), estimates.type());
        });
    }


    /** Keys of the parameters that have moment estimates. */
    public java.util.Set<ParameterKey> keys() {
        return java.util.Set.copyOf(moments.keySet());
    }

    /**
     * Restores the state of a checkpoint: the step count and, per parameter, the first and second moments.
     *
     * @throws IllegalArgumentException if the step is negative or a pair of moments differs in shape
     */
    public void restore(long stepCount, Map<ParameterKey, INDArray[]> moments) {
        if (stepCount < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + stepCount);
        }
        Map<ParameterKey, AdamMoments> restored = new HashMap<>();
        for (Map.Entry<ParameterKey, INDArray[]> e : moments.entrySet()) {
            INDArray[] pair = e.getValue();
            if (!pair[0].equalShapes(pair[1])) {
                throw new IllegalArgumentException("moments of " + e.getKey() + " differ in shape");
            }
            restored.put(e.getKey(), AdamMoments.of(pair[0], pair[1], pair[0].dataType()));
        }
        this.moments.clear();
        this.moments.putAll(restored);
        step = stepCount;
    }

    /** Copies of the first and second moment estimates of {@code key}, or {@code null} before its first update. */
    public INDArray[] moments(ParameterKey key) {
        AdamMoments estimates = moments.get(key);
        return estimates == null ? null : estimates.arrays();
    }
}
