package org.parsimony.variational.graph;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.parsimony.variational.graph.ElboGraph.THETA_CLIP;

/**
 * The negative ELBO of {@link ElboGraph} for networks whose layers are all dense, with its gradients by hand-written
 * backpropagation in plain ND4J: the same objective, noise, gradient names and data type. It exists because the graph
 * runs some 280 small SameDiff ops per step on an MLP, whose per-op overhead, not the matrix products, dominates a step.
 *
 * <p>Forward, layer {@code l} with input {@code h} ({@code h = x} first): {@code pre = h mu + bias + s eps},
 * {@code s = sqrt((h h) exp(logVar) + 1e-8)}; a gated layer outputs {@code relu(pre) z} with {@code z = 1{u < theta}}
 * (straight-through) or {@code z = sigmoid((logit thetaC + logit u) / tau)}, {@code thetaC = clip(theta, 1e-6, 1 - 1e-6)}
 * (relaxed); an ungated hidden layer {@code relu(pre)}; the last layer the logits. {@code nll} is the batch mean of the
 * softmax cross-entropy with the one-hot labels, {@code loss = nll + klScale kl}.
 *
 * <p>Backward, with {@code G = dL/dpre} and {@code D = G eps / 2s = dL/dpreVar}: {@code dbias = sum_b G},
 * {@code dmu = h^T G}, {@code dlogVar = ((h h)^T D) exp(logVar)}, {@code dh = G mu^T + 2 h (D exp(logVar)^T)};
 * {@code G = (softmax(logits) - y) / b} at the output, {@code G = dh' z 1{pre > 0}} for a gated layer and
 * {@code dtheta_j = sum_b (dh' relu(pre))_bj dz_bj/dtheta_j} with {@code dz/dtheta = 1} (straight-through) or
 * {@code z (1 - z) / (tau thetaC (1 - thetaC))} (relaxed; 0 where the clip is active, as for SameDiff's clipByValue).
 *
 * <p>KL of unit {@code j}, from {@code S_j = sum_i logVar_ij}, {@code M_j = sum_i (exp(logVar_ij) + mu_ij^2)} and
 * {@code n = fanIn}: {@code K(v) = (n log v - S_j + M_j / v - n) / 2}; ungated {@code K(s1^2)}, gated
 * {@code bern_j + theta_j K(s1^2) + (1 - theta_j) K(s0^2)} (no spike term for a point mass). So
 * {@code dmu_ij += klScale a_j mu_ij} and {@code dlogVar_ij += klScale (a_j exp(logVar_ij) - w_j) / 2} with
 * {@code a_j = theta_j / s1^2 + (1 - theta_j) / s0^2} and {@code w_j} the total weight of the Gaussian terms, and
 * {@code dtheta_j += klScale (bern_j' + K(s1^2) - K(s0^2))}. These per-unit terms are computed in Java doubles.
 *
 * <p>Memory: every intermediate array is freed when {@code evaluate} returns and the gradients by {@link #release},
 * instead of waiting for the garbage collector to find their small Java wrappers (ND4J frees native buffers only
 * then); a 600-200 net otherwise leaves some 15 MB of dead native buffers per step.
 */
public final class DenseElboBackprop implements ElboObjective {
    private final VariationalNetwork network;
    private final boolean pointMassSpike;
    private final GateEstimator estimator;
    private final boolean flattenedGatePrior;

    /**
     * @param network the all-dense network whose arrays are read (by reference, on every call)
     * @throws IllegalArgumentException for a conv layer, or a layer narrower than {@link ElboGraph#MIN_WIDTH}
     * @see ElboGraph#ElboGraph(VariationalNetwork, boolean, GateEstimator, boolean)
     */
    public DenseElboBackprop(VariationalNetwork network, boolean pointMassSpike, GateEstimator estimator,
                             boolean flattenedGatePrior) {
        if (!network.architecture().isMlp()) {
            throw new IllegalArgumentException("every layer must be dense, got " + network.architecture());
        }
        ElboGraph.requireMinWidth(network);
        this.network = network;
        this.pointMassSpike = pointMassSpike;
        this.estimator = estimator;
        this.flattenedGatePrior = flattenedGatePrior;
    }

    /**
     * What the backward pass of a layer keeps from the forward pass.
     *
     * @param activation {@code relu(pre)} of a hidden layer ({@code null} for the output layer)
     * @param gate       the gate sample {@code z}, {@code [b, n]} ({@code null} if ungated)
     * @param gateSlope  relaxed only: {@code dz/dtheta / (z (1 - z))}, i.e. {@code 1 / (tau thetaC (1 - thetaC))} inside
     *                   the clip and 0 outside, {@code [1, n]}
     */
    private record Layer(VariationalLayer p, INDArray input, INDArray inputSquared, INDArray variance,
                         INDArray halfEpsOverStd, INDArray activation, INDArray gate, INDArray gateSlope, Kl kl) {
    }

    /**
     * A layer's KL and its gradient factors, already scaled by {@code klScale}.
     *
     * @param muScale      {@code klScale a_j}, {@code [1, n]}
     * @param logVarOffset {@code klScale w_j / 2}, {@code [1, n]}
     * @param gate         {@code klScale dKL/dtheta_j}, {@code [1, n]} ({@code null} if ungated)
     */
    private record Kl(double value, INDArray muScale, INDArray logVarOffset, INDArray gate) {
    }

    @Override
    public ElboEvaluation evaluate(ElboInputs inputs) {
        List<INDArray> scratch = new ArrayList<>();
        try {
            return evaluate(inputs, scratch);
        } finally {
            scratch.forEach(INDArray::close);
        }
    }

    /** Frees the gradient arrays of an evaluation of this objective, once they have been applied. */
    @Override
    public void release(ElboEvaluation evaluation) {
        evaluation.gradients().values().forEach(INDArray::close);
    }

    /** {@link #evaluate(ElboInputs)}, adding every array it allocates except the gradients to {@code scratch}. */
    private ElboEvaluation evaluate(ElboInputs inputs, List<INDArray> scratch) {
        int layers = network.layerCount();
        DataType type = network.layer(0).weightMean().dataType();
        Layer[] forward = new Layer[layers];
        INDArray h = inputs.features().castTo(type);
        double kl = 0;
        for (int l = 0; l < layers; l++) {
            VariationalLayer p = network.layer(l);
            INDArray input = h;
            INDArray variance = track(scratch, Transforms.exp(p.weightLogVariance(), true));
            INDArray inputSquared = track(scratch, input.mul(input));
            INDArray std = Transforms.sqrt(track(scratch, Nd4j.gemm(inputSquared, variance, false, false))
                    .addi(ElboGraph.PRE_VARIANCE_JITTER), false);
            INDArray eps = inputs.gaussianNoise().get(l).castTo(type);
            INDArray halfEpsOverStd = track(scratch, eps.div(std).muli(0.5));
            INDArray pre = track(scratch, Nd4j.gemm(input, p.weightMean(), false, false)).addiRowVector(p.bias())
                    .addi(std.muli(eps));
            Kl layerKl = kl(p, variance, inputs.priors().get(l), inputs.klScale(), type);
            kl += layerKl.value();
            INDArray activation = null;
            INDArray gate = null;
            INDArray gateSlope = null;
            if (l < layers - 1) {
                activation = Transforms.relu(pre, false);
                if (p.gated()) {
                    INDArray theta = p.gate().castTo(type);
                    INDArray u = inputs.uniformNoise().get(l).castTo(type);
                    if (estimator == GateEstimator.RELAXED) {
                        double[] logit = new double[p.units()];
                        double[] slope = new double[p.units()];
                        double[] t = theta.toDoubleVector();
                        for (int j = 0; j < logit.length; j++) {
                            double clipped = clip(t[j]);
                            logit[j] = Math.log(clipped) - Math.log(1 - clipped);
                            slope[j] = insideClip(t[j]) ? 1 / (inputs.temperature() * clipped * (1 - clipped)) : 0;
                        }
                        INDArray complement = track(scratch, u.rsub(1.0));
                        gate = track(scratch, Transforms.sigmoid(Transforms.log(u, true)
                                .subi(Transforms.log(complement, false))
                                .addiRowVector(row(logit, type)).divi(inputs.temperature()), false));
                        gateSlope = row(slope, type);
                    } else {
                        gate = track(scratch, ElboGraph.gateSample(u, theta));
                    }
                    h = track(scratch, activation.mul(gate));
                } else {
                    h = activation;
                }
            } else {
                h = pre;
            }
            forward[l] = new Layer(p, input, inputSquared, variance, halfEpsOverStd, activation, gate, gateSlope, layerKl);
        }

        long batch = h.size(0);
        INDArray y = inputs.oneHot().castTo(type);
        INDArray shifted = track(scratch, h.subColumnVector(h.max(true, 1)));
        INDArray exp = track(scratch, Transforms.exp(shifted, true));
        INDArray sumExp = exp.sum(true, 1);
        double nll = (Transforms.log(sumExp, true).sumNumber().doubleValue()
                - shifted.muli(y).sumNumber().doubleValue()) / batch;
        INDArray grad = exp.diviColumnVector(sumExp).subi(y).divi(batch);

        Map<String, INDArray> gradients = new HashMap<>();
        for (int l = layers - 1; l >= 0; l--) {
            Layer f = forward[l];
            String[] names = ElboGraph.parameterNames(l);
            if (f.activation() != null) {
                if (f.gate() != null) {
                    INDArray perExample = track(scratch, grad.mul(f.activation()));
                    if (f.gateSlope() != null) {
                        perExample.muli(f.gate()).muli(f.gate().rsub(1.0));
                    }
                    INDArray perUnit = perExample.sum(true, 0);
                    gradients.put(names[3], (f.gateSlope() == null ? perUnit : perUnit.muli(f.gateSlope()))
                            .addi(f.kl().gate()));
                    grad.muli(f.gate());
                }
                INDArray positive = track(scratch, f.activation().gt(0));
                grad.muli(track(scratch, positive.castTo(type)));
            }
            INDArray mu = f.p().weightMean();
            INDArray preVarianceGradient = track(scratch, grad.mul(f.halfEpsOverStd()));
            gradients.put(names[2], grad.sum(true, 0));
            gradients.put(names[0], Nd4j.gemm(f.input(), grad, mu.mulRowVector(f.kl().muScale()), true, false, 1.0, 1.0));
            // into a row-major array, like every other gradient: the optimizer reads them in bulk
            INDArray logVarGradient = Nd4j.createUninitialized(type, f.p().fanIn(), f.p().units());
            gradients.put(names[1], Nd4j.gemm(f.inputSquared(), preVarianceGradient, logVarGradient, true, false, 1.0, 0.0)
                    .addiRowVector(f.kl().muScale().mul(0.5)).muli(f.variance()).subiRowVector(f.kl().logVarOffset()));
            if (l > 0) {
                INDArray inputGradient = track(scratch, Nd4j.gemm(preVarianceGradient, f.variance(), false, true))
                        .muli(f.input()).muli(2);
                grad = Nd4j.gemm(grad, mu, inputGradient, false, true, 1.0, 1.0);
            }
        }
        return new ElboEvaluation(nll + inputs.klScale() * kl, nll, kl, gradients);
    }

    /** The layer's KL (unscaled) and its gradient factors (scaled by {@code klScale}). */
    private Kl kl(VariationalLayer p, INDArray variance, LayerPrior prior, double klScale, DataType type) {
        int n = p.fanIn();
        int units = p.units();
        double[] sumLogVariance = p.weightLogVariance().sum(0).toDoubleVector();
        INDArray secondMoment = p.weightMean().mul(p.weightMean()).addi(variance);
        double[] sumSecondMoment = secondMoment.sum(0).toDoubleVector();
        secondMoment.close();
        double[] theta = p.gated() ? p.gate().toDoubleVector() : null;
        double slabVariance = prior.slabVariance();
        double spikeVariance = prior.spikeVariance();
        double lambda = prior.inclusion();
        double[] muScale = new double[units];
        double[] logVarOffset = new double[units];
        double[] gate = p.gated() ? new double[units] : null;
        double kl = 0;
        for (int j = 0; j < units; j++) {
            double slab = gaussianKl(n, sumLogVariance[j], sumSecondMoment[j], slabVariance);
            if (theta == null) {
                kl += slab;
                muScale[j] = 1 / slabVariance;
                logVarOffset[j] = 1;
                continue;
            }
            double t = theta[j];
            double c = clip(t);
            double bernoulli;
            double bernoulliGradient;
            if (flattenedGatePrior) {
                bernoulli = -(t * Math.log(lambda) + (1 - t) * Math.log(1 - lambda));
                bernoulliGradient = Math.log(1 - lambda) - Math.log(lambda);
            } else {
                double on = Math.log(c / lambda);
                double off = Math.log((1 - c) / (1 - lambda));
                bernoulli = t * on + (1 - t) * off;
                bernoulliGradient = on - off + (insideClip(t) ? t / c - (1 - t) / (1 - c) : 0);
            }
            kl += bernoulli + t * slab;
            gate[j] = bernoulliGradient + slab;
            muScale[j] = t / slabVariance;
            logVarOffset[j] = t;
            if (!pointMassSpike) {
                double spike = gaussianKl(n, sumLogVariance[j], sumSecondMoment[j], spikeVariance);
                kl += (1 - t) * spike;
                gate[j] -= spike;
                muScale[j] += (1 - t) / spikeVariance;
                logVarOffset[j] += 1 - t;
            }
        }
        for (int j = 0; j < units; j++) {
            muScale[j] *= klScale;
            logVarOffset[j] *= klScale / 2;
            if (gate != null) {
                gate[j] *= klScale;
            }
        }
        return new Kl(kl, row(muScale, type), row(logVarOffset, type), gate == null ? null : row(gate, type));
    }

    /** {@code sum_i KL(N(mu_i, sigma_i^2) || N(0, v))} of {@code n} weights from their sums (as {@link ElboGraph}). */
    private static double gaussianKl(int n, double sumLogVariance, double sumSecondMoment, double v) {
        return 0.5 * (Math.log(v) * n - sumLogVariance + sumSecondMoment / v - n);
    }

    private static double clip(double theta) {
        return Math.min(Math.max(theta, THETA_CLIP), 1 - THETA_CLIP);
    }

    /** Whether {@code clip} passes the gradient at {@code theta}: strictly inside the range, as SameDiff's clipByValue. */
    private static boolean insideClip(double theta) {
        return theta > THETA_CLIP && theta < 1 - THETA_CLIP;
    }

    /** Adds a freshly allocated array to {@code scratch} and returns it. */
    private static INDArray track(List<INDArray> scratch, INDArray array) {
        scratch.add(array);
        return array;
    }

    private static INDArray row(double[] values, DataType type) {
        return Nd4j.createFromArray(values).reshape(1, values.length).castTo(type);
    }
}
