package org.parsimony.variational.graph;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.priors.ArrayArithmetic;
import org.parsimony.priors.GatedUnitKl;
import org.parsimony.variational.elements.FloatExponential;
import org.parsimony.variational.elements.MatrixProduct;
import org.parsimony.variational.elements.NativeArrayPool;
import org.parsimony.variational.elements.NativeElements;
import org.parsimony.variational.network.ParameterKey;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.parsimony.variational.graph.ElboGraph.THETA_CLIP;

/**
 * The negative ELBO of {@link ElboGraph} for networks whose layers are all dense, with its gradients by hand-written
 * backpropagation: the same objective, noise, gradient names and data type. It exists because the graph runs some 280
 * small SameDiff ops per step on an MLP, whose per-op overhead, not the matrix products, dominates a step. The matrix
 * products run in BLAS ({@link MatrixProduct}); everything else, {@code exp(logVar)} included ({@link FloatExponential}
 * for {@code float}: ND4J's scalar {@code expf} took 0.5-0.6 ms of a 300-100 step), runs as Java loops over
 * arrays copied in and out in bulk ({@link NativeElements}): an ND4J op costs 20-60 microseconds whatever its size (a
 * column sum of a {@code 784 x 300} matrix 250), and a net pruned to 30-10 units did some 130 of them per step. The
 * terms over arrays as large as the weights ({@code exp(logVar)}, KL sums, the KL's gradient of the means, the
 * log-variance gradient, the input squares) and over {@code [batch, units]} arrays (the reparameterised
 * pre-activations, gates, softmax, masks, the gradients' element-wise parts) run in the network's precision
 * ({@link DenseLayerTerms}, {@link BatchTerms}: {@code float} in training, {@code double} in the gradient checks).
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
 * {@code dtheta_j += klScale (bern_j' + K(s1^2) - K(s0^2))}. These per-unit terms and derivatives are
 * {@link GatedUnitKl}'s (written once in the priors module), evaluated on Java {@code double} vectors.
 *
 * <p>Memory: the native arrays (intermediates, and the gradients once {@link #release}d) come from a
 * {@link NativeArrayPool} and are reused from step to step; {@link #close} frees them. Before, every step allocated them
 * afresh and left them to the garbage collector, which frees ND4J's native buffers only when it finds their small Java
 * wrappers (a 600-200 net left some 15 MB of dead native buffers per step).
 */
public final class DenseElboBackprop implements ElboObjective {
    private final VariationalNetwork network;
    private final GatedUnitKl unitKl;
    private final GateEstimator estimator;
    /** Java arrays for the element-wise loops, reused from step to step. */
    private final NativeElements.Arena arena = new NativeElements.Arena();
    /** Native arrays (intermediates and gradients), reused from step to step. */
    private final NativeArrayPool pool = new NativeArrayPool();

    /**
     * @param network the all-dense network whose arrays are read (by reference, on every call)
     * @throws IllegalArgumentException for a conv layer, or a layer narrower than {@link ElboGraph#MIN_WIDTH}
     * @see ElboGraph#ElboGraph(VariationalNetwork, boolean, GateEstimator, boolean)
     */
    public DenseElboBackprop(VariationalNetwork network, boolean pointMassSpike, GateEstimator estimator,
                             boolean flattenedGatePrior) {
        this(network, ElboObjective.unitKl(pointMassSpike, flattenedGatePrior), estimator);
    }

    /**
     * @param network the all-dense network whose arrays are read (by reference, on every call)
     * @param unitKl  the KL terms and their derivatives (gate prior, spike)
     * @throws IllegalArgumentException for a conv layer, or a layer narrower than {@link ElboGraph#MIN_WIDTH}
     */
    public DenseElboBackprop(VariationalNetwork network, GatedUnitKl unitKl, GateEstimator estimator) {
        if (!network.architecture().supportsDenseFastPath()) {
            throw new IllegalArgumentException("every layer must be dense, got " + network.architecture());
        }
        ElboGraph.requireMinWidth(network);
        this.network = network;
        this.unitKl = unitKl;
        this.estimator = estimator;
    }

    /**
     * What the backward pass of a layer keeps from the forward pass; the elements are row-major {@code [b, n]},
     * {@code [n, units]} or {@code [b, units]} arrays from the {@link #arena}, in the network's precision.
     *
     * @param inputValues    the elements of {@code input}
     * @param means          the elements of the weight means, {@code [n, units]}
     * @param variances      the elements of {@code variance = exp(logVar)}, {@code [n, units]}
     * @param halfEpsOverStd {@code eps / 2s}, {@code [b, units]}
     * @param activation     {@code relu(pre)} of a hidden layer ({@code null} for the output layer)
     * @param gate           the gate sample {@code z}, {@code [b, units]} ({@code null} if ungated)
     * @param gateSlope      relaxed only: {@code dz/dtheta / (z (1 - z))}, i.e. {@code 1 / (tau thetaC (1 - thetaC))}
     *                       inside the clip and 0 outside, {@code [units]}
     */
    private record Layer(VariationalLayer p, INDArray input, NativeElements inputValues, INDArray inputSquared,
                         INDArray variance, NativeElements means, NativeElements variances,
                         NativeElements halfEpsOverStd, NativeElements activation, NativeElements gate,
                         double[] gateSlope, Kl kl) {
    }

    /**
     * A layer's KL and its gradient factors, already scaled by {@code klScale}.
     *
     * @param muScale      {@code klScale a_j}, {@code [units]}
     * @param logVarOffset {@code klScale w_j / 2}, {@code [units]}
     * @param gate         {@code klScale dKL/dtheta_j}, {@code [units]} ({@code null} if ungated)
     */
    private record Kl(double value, double[] muScale, double[] logVarOffset, double[] gate) {
    }

    @Override
    public ElboEvaluation evaluate(ElboInputs inputs) {
        List<INDArray> scratch = new ArrayList<>();
        arena.reset();
        try {
            return evaluate(inputs, scratch);
        } finally {
            scratch.forEach(pool::giveBack);
        }
    }

    /**
     * Takes back the gradient arrays of an evaluation of this objective, once they have been applied: the next
     * evaluation writes into them, so the caller must no longer read them.
     */
    @Override
    public void release(ElboEvaluation evaluation) {
        evaluation.gradients().values().forEach(pool::giveBack);
    }

    /** Number of native arrays this objective has allocated and holds (for tests of their reuse). */
    int nativeArrays() {
        return pool.size();
    }

    /** Frees every native array this objective holds; a later evaluation allocates afresh. */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * {@link #evaluate(ElboInputs)}, adding every pool array it takes except the gradients to {@code scratch}.
     */
    private ElboEvaluation evaluate(ElboInputs inputs, List<INDArray> scratch) {
        int layers = network.layerCount();
        DataType type = network.layer(0).weightMean().dataType();
        Layer[] forward = new Layer[layers];
        INDArray h = ofType(inputs.features(), type, scratch);
        NativeElements hValues = arena.readAsStored(h);
        int batch = Math.toIntExact(h.size(0));
        double kl = 0;
        for (int l = 0; l < layers; l++) {
            VariationalLayer p = network.layer(l);
            int units = p.units();
            int size = batch * units;
            INDArray input = h;
            NativeElements inputValues = hValues;
            NativeElements logVarianceValues = arena.readAsStored(p.weightLogVariance());
            NativeElements varianceValues = arena.blankAsStored(track(scratch, pool.take(type, p.fanIn(), units)));
            DenseLayerTerms.exp(logVarianceValues, varianceValues, arena);
            INDArray variance = varianceValues.store();
            NativeElements squares = arena.blankAsStored(track(scratch, pool.take(type, input.shape())));
            DenseLayerTerms.square(inputValues, squares);
            INDArray inputSquared = squares.store();
            NativeElements preVariance = arena.readAsStored(product(inputSquared, variance, false, scratch));
            NativeElements pre = arena.readAsStored(product(input, p.weightMean(), false, scratch));
            NativeElements eps = arena.readAsStored(ofType(inputs.gaussianNoise().get(l), type, scratch));
            NativeElements halfEpsOverStd = arena.scratch(type, size);
            BatchTerms.reparameterise(pre, preVariance, eps, values(p.bias()), units, halfEpsOverStd, arena);
            NativeElements meanValues = arena.readAsStored(p.weightMean());
            double[] theta = p.gated() ? values(p.gate()) : null;
            Kl layerKl = kl(p, theta, logVarianceValues, varianceValues, meanValues, inputs.priors().get(l),
                    inputs.klScale());
            kl += layerKl.value();
            NativeElements activation = null;
            NativeElements gate = null;
            double[] gateSlope = null;
            NativeElements next = pre;
            if (l < layers - 1) {
                activation = pre;
                BatchTerms.relu(activation);
                if (p.gated()) {
                    NativeElements u = arena.readAsStored(ofType(inputs.uniformNoise().get(l), type, scratch));
                    gate = arena.scratch(type, size);
                    if (estimator == GateEstimator.RELAXED) {
                        double tau = inputs.temperature();
                        double[] logit = arena.doubles(units);
                        gateSlope = arena.doubles(units);
                        for (int j = 0; j < units; j++) {
                            double clipped = clip(theta[j]);
                            logit[j] = Math.log(clipped) - Math.log(1 - clipped);
                            gateSlope[j] = insideClip(theta[j]) ? 1 / (tau * clipped * (1 - clipped)) : 0;
                        }
                        BatchTerms.relaxedGates(u, logit, tau, units, gate);
                    } else {
                        BatchTerms.hardGates(u, theta, units, gate, arena);
                    }
                    next = arena.blankAsStored(track(scratch, pool.take(type, batch, units)));
                    BatchTerms.multiply(activation, gate, next);
                }
                // an ungated layer's activation is stored back into its pre-activation's product array
                h = next.store();
            }
            forward[l] = new Layer(p, input, inputValues, inputSquared, variance, meanValues, varianceValues,
                    halfEpsOverStd, activation, gate, gateSlope, layerKl);
            hValues = next;
        }

        int classes = network.layer(layers - 1).units();
        NativeElements grad = arena.blankAsStored(track(scratch, pool.take(type, batch, classes)));
        double nll = BatchTerms.softmaxCrossEntropy(hValues, arena.readAsStored(ofType(inputs.oneHot(), type, scratch)),
                grad, batch, classes, arena);

        Map<ParameterKey, INDArray> gradients = new HashMap<>();
        for (int l = layers - 1; l >= 0; l--) {
            Layer f = forward[l];
            VariationalLayer p = f.p();
            int units = p.units();
            NativeElements activation = f.activation();
            if (activation != null) {
                NativeElements z = f.gate();
                if (z != null) {
                    double[] perUnit = zeros(units);
                    boolean relaxed = f.gateSlope() != null;
                    BatchTerms.gateSums(grad, activation, relaxed ? z : null, units, perUnit, arena);
                    BatchTerms.multiply(grad, z, grad);
                    for (int j = 0; j < units; j++) {
                        perUnit[j] = (relaxed ? perUnit[j] * f.gateSlope()[j] : perUnit[j]) + f.kl().gate()[j];
                    }
                    gradients.put(ParameterKind.GATE.at(l), row(perUnit, units, type));
                }
                BatchTerms.reluMask(grad, activation);
            }
            NativeElements preVarianceGradient = arena.blankAsStored(track(scratch, pool.take(type, batch, units)));
            BatchTerms.multiply(grad, f.halfEpsOverStd(), preVarianceGradient);
            double[] biasGradient = zeros(units);
            BatchTerms.columnSums(grad, units, biasGradient, arena);
            gradients.put(ParameterKind.BIAS.at(l), row(biasGradient, units, type));
            INDArray g = grad.store();
            INDArray d = preVarianceGradient.store();
            INDArray mu = p.weightMean();
            int fanIn = p.fanIn();
            double[] muScale = f.kl().muScale();
            double[] logVarOffset = f.kl().logVarOffset();
            // every gradient row-major: the optimizer reads them in bulk
            NativeElements meanGradient = arena.blankAsStored(pool.take(type, fanIn, units));
            DenseLayerTerms.meanKlGradient(f.means(), muScale, units, meanGradient);
            gradients.put(ParameterKind.WEIGHT_MEAN.at(l),
                    MatrixProduct.gemm(f.input(), g, meanGradient.store(), true, false, 1.0, 1.0));
            NativeElements likelihoodPart = arena.readAsStored(MatrixProduct.gemm(f.inputSquared(), d,
                    track(scratch, pool.take(type, fanIn, units)), true, false, 1.0, 0.0));
            NativeElements logVarGradient = arena.blankAsStored(pool.take(type, fanIn, units));
            DenseLayerTerms.logVarianceGradient(likelihoodPart, f.variances(), muScale, logVarOffset, units,
                    logVarGradient);
            gradients.put(ParameterKind.WEIGHT_LOG_VARIANCE.at(l), logVarGradient.store());
            if (l > 0) {
                NativeElements meanPath = arena.readAsStored(product(g, mu, true, scratch));
                NativeElements variancePath = arena.readAsStored(product(d, f.variance(), true, scratch));
                grad = arena.blankAsStored(track(scratch, pool.take(type, batch, fanIn)));
                BatchTerms.inputGradient(variancePath, f.inputValues(), meanPath, grad);
            }
        }
        return new ElboEvaluation(nll + inputs.klScale() * kl, nll, kl, gradients);
    }

    /** {@code array} itself if it has {@code type}, else a copy of that type added to {@code scratch}. */
    private INDArray ofType(INDArray array, DataType type, List<INDArray> scratch) {
        return array.dataType() == type ? array : track(scratch, pool.take(type, array.shape())).assign(array);
    }

    /** {@code n} zeros in an arena buffer. */
    private double[] zeros(int n) {
        double[] z = arena.doubles(n);
        java.util.Arrays.fill(z, 0, n, 0);
        return z;
    }

    /** {@code a b} (or {@code a b^T}) into a fresh row-major array added to {@code scratch}. */
    private INDArray product(INDArray a, INDArray b, boolean transposeB, List<INDArray> scratch) {
        INDArray c = track(scratch, pool.take(a.dataType(), a.rows(), transposeB ? b.rows() : b.columns()));
        return MatrixProduct.gemm(a, b, c, false, transposeB, 1.0, 0.0);
    }

    /** The elements of {@code array} in row-major order, in an arena buffer. */
    private double[] values(INDArray array) {
        return arena.read(array).values();
    }

    /** Writes {@code values} (row-major, rounded to the array's type) into {@code target}. */
    private INDArray store(double[] values, INDArray target) {
        return arena.write(target, values);
    }

    /**
     * The layer's KL (unscaled) and its gradient factors (scaled by {@code klScale}); {@code theta} are its gate
     * probabilities ({@code null} if ungated).
     */
    private Kl kl(VariationalLayer p, double[] theta, NativeElements logVariances, NativeElements variances,
                  NativeElements means, LayerPrior prior, double klScale) {
        int n = p.fanIn();
        int units = p.units();
        double[] sumLogVariance = new double[units];
        double[] sumSecondMoment = new double[units];
        DenseLayerTerms.klSums(means, logVariances, variances, units, sumLogVariance, sumSecondMoment);
        ArrayArithmetic e = ArrayArithmetic.INSTANCE;
        GatedUnitKl.WeightSums<double[]> sums = new GatedUnitKl.WeightSums<>(sumLogVariance, sumSecondMoment, n);
        double[] slabVariance = ArrayArithmetic.scalar(prior.slabVariance());
        double kl = 0;
        GatedUnitKl.Derivatives<double[]> derivatives;
        if (theta == null) {
            double[] slab = unitKl.ungated(e, sums, slabVariance);
            for (int j = 0; j < units; j++) {
                kl += slab[j];
            }
            derivatives = unitKl.ungatedDerivatives(e, slabVariance);
        } else {
            double[] t = java.util.Arrays.copyOf(theta, units);
            double[] clipped = new double[units];
            double[] clipSlope = new double[units];
            for (int j = 0; j < units; j++) {
                clipped[j] = clip(t[j]);
                clipSlope[j] = insideClip(t[j]) ? 1 : 0;
            }
            double[] inclusion = ArrayArithmetic.scalar(prior.inclusion());
            double[] spikeVariance = ArrayArithmetic.scalar(prior.spikeVariance());
            GatedUnitKl.Terms<double[]> terms = unitKl.gated(e, t, clipped, sums, inclusion, slabVariance, spikeVariance);
            for (int j = 0; j < units; j++) {
                kl += terms.gate()[j] + terms.weightedSlab()[j];
                if (terms.weightedSpike() != null) {
                    kl += terms.weightedSpike()[j];
                }
            }
            derivatives = unitKl.gatedDerivatives(e, terms, t, clipped, inclusion, clipSlope, slabVariance,
                    spikeVariance);
        }
        double[] muScale = new double[units];
        double[] logVarOffset = new double[units];
        double[] gate = theta == null ? null : new double[units];
        for (int j = 0; j < units; j++) {
            muScale[j] = ArrayArithmetic.element(derivatives.meanScale(), j) * klScale;
            logVarOffset[j] = ArrayArithmetic.element(derivatives.logVarianceWeight(), j) * (klScale / 2);
            if (gate != null) {
                gate[j] = ArrayArithmetic.element(derivatives.gate(), j) * klScale;
            }
        }
        return new Kl(kl, muScale, logVarOffset, gate);
    }

    private static double clip(double theta) {
        return Math.min(Math.max(theta, THETA_CLIP), 1 - THETA_CLIP);
    }

    /** Whether {@code clip} passes the gradient at {@code theta}: strictly inside the range, as SameDiff's clipByValue. */
    private static boolean insideClip(double theta) {
        return theta > THETA_CLIP && theta < 1 - THETA_CLIP;
    }

    /** Adds a pool array to {@code scratch} (given back when the evaluation ends) and returns it. */
    private static INDArray track(List<INDArray> scratch, INDArray array) {
        scratch.add(array);
        return array;
    }

    /** A fresh {@code [1, n]} array of the first {@code n} of {@code values}. */
    private INDArray row(double[] values, int n, DataType type) {
        return store(values, pool.take(type, 1, n));
    }
}
