package org.parsimony.variational.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.priors.GatedUnitKl;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.BatchNormState;
import org.parsimony.variational.network.ConvolutionSettings;
import org.parsimony.variational.network.LayerDependencies;
import org.parsimony.variational.network.LayerSpec;
import org.parsimony.variational.network.ParameterKey;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SameDiff graph of the per-example negative ELBO of a {@link VariationalNetwork} at its current shapes:
 * {@code loss = NLL(batch) + klScale * KL(q(w, z) || p(w, z))} with {@code klScale = 1 / N_train}.
 *
 * <p>Pre-activations are sampled with the local reparameterization trick: for inputs {@code h},
 * {@code b = h mu + bias + sqrt(h^2 sigma^2) * eps}, {@code eps ~ N(0, 1)} per example and unit
 * (Kingma, Salimans &amp; Welling 2015). For a convolution the same trick reads
 * {@code b = conv(h, mu) + bias + sqrt(conv(h^2, sigma^2)) * eps} with {@code eps ~ N(0, 1)} per example, filter
 * and output position (as for convolutions in Molchanov, Ashukha &amp; Vetrov 2017; flat inputs are reshaped to NCHW first).
 * Hidden units (or filters, whose whole feature map shares the gate) are ReLU and multiplied by their gate sample
 * {@code z_j}, drawn from the binary-concrete relaxation of {@code Bernoulli(theta_j)}
 * {@code z = sigmoid((logit theta + logit u) / tau)}, {@code u ~ U(0, 1)} (Maddison et al. 2017), which
 * tends to the exact Bernoulli sample as the temperature {@code tau -> 0}.
 *
 * <p>The KL of each gated unit {@code j} (Guenter &amp; Sideris 2022, GSM prior conditioned on the gate):
 * {@code KL(Bern(theta_j) || Bern(lambda)) + theta_j sum_i KL(N(mu_ij, sigma_ij^2) || N(0, s1^2))
 * + (1 - theta_j) sum_i KL(N(mu_ij, sigma_ij^2) || N(0, s0^2))}, the last term absent for a point-mass spike.
 * The terms are {@link GatedUnitKl}'s, written once in the priors module and built here as graph nodes
 * ({@link GraphArithmetic}).
 * The weight group of a filter is its {@code kH kW C_in} kernel weights. The ungated output layer has
 * {@code sum_i KL(q(w_i) || N(0, s1^2))}. Convolutions optionally end in 2x2 max pooling (applied before the
 * gate, which is the same function since gates are non-negative). A batch-normalised convolution normalises its
 * sampled pre-activations by the minibatch's statistics before the ReLU ({@link BatchNormState}); its scale and shift
 * are point estimates without a prior, like the biases.
 *
 * <p>In a residual network ({@link org.parsimony.variational.network.LayerWiring}) a layer reads the output of its
 * source layer and adds the output of its shortcut layer to its normalised pre-activation before the ReLU; a shortcut
 * projection's output is that normalised pre-activation. The channels an addition couples share one gate
 * ({@link LayerDependencies#gateHolder}): its sample multiplies the stream's channel after every addition's ReLU, and
 * the KL of channel {@code j} is its gate term once plus, for every layer writing the channel, the expected weight KL
 * {@code theta_j K_j(s1^2) + (1 - theta_j) K_j(s0^2)} of that layer's kernel {@code j} under that layer's prior.
 * A global average pooling follows the gate (the two commute).
 *
 * <p>The graph computes in the data type of the network's arrays ({@code float} for training, {@code double}
 * for gradient checks). All noise ({@code eps}, {@code u}) and the scalars ({@code klScale}, {@code tau}, prior parameters) are
 * placeholders filled from Java, so the graph is rebuilt only when shapes change, one seeded generator
 * drives every random draw, and a gradient check can hold the noise fixed.
 */
public final class ElboGraph implements ElboObjective {
    /** Lower and upper clip of {@code theta} inside logarithms, so that gates at exactly 0 or 1 stay finite. */
    static final double THETA_CLIP = 1e-6;

    /** Added to the pre-activation variance under the square root, so its gradient stays finite at zero inputs. */
    static final double PRE_VARIANCE_JITTER = 1e-8;

    /**
     * Smallest layer width the graph supports: SameDiff 1.0.0-M2.1 fails to run reductions and matrix-product
     * gradients over dimensions of size 1, so a trained layer is never shrunk below two units.
     */
    public static final int MIN_WIDTH = 2;

    private final SameDiff sd;
    private final VariationalNetwork network;
    private final GatedUnitKl unitKl;
    private final GateEstimator estimator;
    private final List<ParameterKey> parameters = new ArrayList<>();
    private final DataType dataType;

    /**
     * Builds the graph for the network's current shapes.
     *
     * @param network        the network whose arrays the graph reads (by reference, on every call)
     * @param pointMassSpike whether {@code p(w | z=0)} is a point mass at 0 (no spike KL term)
     * @param estimator      how gate samples are drawn and differentiated
     */
    public ElboGraph(VariationalNetwork network, boolean pointMassSpike, GateEstimator estimator) {
        this(network, pointMassSpike, estimator, false);
    }

    /**
     * As {@link #ElboGraph(VariationalNetwork, boolean, GateEstimator)}; with {@code flattenedGatePrior} the gate term of
     * each unit is {@link org.parsimony.priors.FlattenedGatePrior}'s cross-entropy instead of the Bernoulli KL.
     */
    public ElboGraph(VariationalNetwork network, boolean pointMassSpike, GateEstimator estimator, boolean flattenedGatePrior) {
        this(network, ElboObjective.unitKl(pointMassSpike, flattenedGatePrior), estimator);
    }

    /**
     * Builds the graph for the network's current shapes, with the KL terms of {@code unitKl} (its gate prior and
     * spike).
     */
    public ElboGraph(VariationalNetwork network, GatedUnitKl unitKl, GateEstimator estimator) {
        requireMinWidth(network);
        this.network = network;
        this.unitKl = unitKl;
        this.estimator = estimator;
        this.sd = SameDiff.create();
        this.dataType = network.layer(0).weightMean().dataType();
        build();
        SilencedStandardOutput.call(() -> {
            sd.createGradFunction();
            return null;
        });
    }

    /** @throws IllegalArgumentException if a layer of {@code network} is narrower than {@link #MIN_WIDTH} */
    static void requireMinWidth(VariationalNetwork network) {
        for (int width : network.widths()) {
            if (width < MIN_WIDTH) {
                throw new IllegalArgumentException("every layer needs at least " + MIN_WIDTH + " units, got widths "
                        + java.util.Arrays.toString(network.widths()));
            }
        }
    }

    private void build() {
        int[] widths = network.widths();
        Architecture architecture = network.architecture();
        SDVariable x = sd.placeHolder("x", dataType, -1, widths[0]);
        SDVariable y = sd.placeHolder("y", dataType, -1, widths[widths.length - 1]);
        SDVariable klScale = sd.placeHolder("klScale", dataType);
        SDVariable temperature = sd.placeHolder("temperature", dataType);
        SDVariable h = x;
        GraphArithmetic e = new GraphArithmetic(sd, dataType);
        SDVariable kl = null;
        LayerDependencies dependencies = architecture.dependencies();
        SDVariable[] outputs = new SDVariable[network.layerCount()];
        SDVariable[] gates = new SDVariable[network.layerCount()];
        SDVariable[] thetas = new SDVariable[network.layerCount()];
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            LayerSpec spec = architecture.layer(l);
            SDVariable mu = variable(ParameterKind.WEIGHT_MEAN.at(l), p.weightMean());
            SDVariable logVar = variable(ParameterKind.WEIGHT_LOG_VARIANCE.at(l), p.weightLogVariance());
            SDVariable bias = variable(ParameterKind.BIAS.at(l), p.bias());
            long[] noiseShape = network.noiseShape(l, 1);
            noiseShape[0] = -1;
            SDVariable eps = sd.placeHolder(LayerPlaceholder.GAUSSIAN_NOISE.of(l), dataType, noiseShape);
            SDVariable variance = sd.math().exp(logVar);
            int source = l - spec.wiring().source();
            h = spec.type().layout(source < 0 ? x : outputs[source], source >= 0
                    && architecture.layer(source).type().producesImages(), architecture.inputShape(l));
            SDVariable[] moments = spec.type().preActivationMoments(h, mu, variance, bias, p.units(), spec);
            SDVariable mean = moments[0];
            SDVariable preVariance = moments[1];
            SDVariable pre = mean.add(sd.math().sqrt(preVariance.add(PRE_VARIANCE_JITTER)).mul(eps));
            if (spec.batchNorm()) {
                pre = batchNormalized(pre, p, l);
            }
            if (spec.wiring().shortcut() > 0) {
                pre = pre.add(outputs[l - spec.wiring().shortcut()]);
            }

            SDVariable slabVar = sd.placeHolder(LayerPlaceholder.SLAB_VARIANCE.of(l), dataType);
            // per-unit sums first, so the KL costs two element-wise passes over the weights instead of seven per prior
            GatedUnitKl.WeightSums<SDVariable> sums = new GatedUnitKl.WeightSums<>(perUnit(logVar, p),
                    perUnit(variance.add(sd.math().square(mu)), p), p.fanIn());
            SDVariable layerKl;
            int holder = dependencies.gateHolder(l);
            SDVariable theta = null;
            SDVariable thetaClipped = null;
            if (p.gated()) {
                theta = variable(ParameterKind.GATE.at(l), p.gate());
                thetaClipped = sd.math().clipByValue(theta, THETA_CLIP, 1 - THETA_CLIP);
                if (estimator == GateEstimator.RELAXED) {
                    SDVariable u = sd.placeHolder(LayerPlaceholder.UNIFORM_NOISE.of(l), dataType, -1, p.units());
                    SDVariable logit = sd.math().log(thetaClipped).sub(sd.math().log(thetaClipped.rsub(1.0)));
                    SDVariable noiseLogit = sd.math().log(u).sub(sd.math().log(u.rsub(1.0)));
                    gates[l] = sd.nn().sigmoid(noiseLogit.add(logit).div(temperature));
                } else {
                    // z = theta + (b - theta) with the shift b - theta fed as a constant: forward b, backward dz/dtheta = 1
                    gates[l] = sd.placeHolder(LayerPlaceholder.GATE_SHIFT.of(l), dataType, -1, p.units()).add(theta);
                }
                thetas[l] = theta;
            }
            if (l == network.layerCount() - 1 || !spec.activated()) {
                h = pre;
            } else {
                h = sd.nn().relu(pre, 0);
                if (spec.pool()) {
                    // pooling before the gate equals pooling after it (max(z a) = z max(a) for z >= 0), and keeps the
                    // gate's derivative max(a) well defined at a closed sample z = 0, where every pooled value ties
                    h = sd.cnn().maxPooling2d(h, ConvolutionSettings.maxPooling());
                }
                if (spec.globalPool()) {
                    h = h.mean(true, 2, 3);
                }
                if (gates[holder] != null) {
                    h = h.mul(spec.type().perUnit(gates[holder], p.units()));
                }
            }
            if (p.gated()) {
                SDVariable inclusion = sd.placeHolder(LayerPlaceholder.INCLUSION.of(l), dataType);
                SDVariable spikeVar = unitKl.pointMassSpike() ? null
                        : sd.placeHolder(LayerPlaceholder.SPIKE_VARIANCE.of(l), dataType);
                layerKl = unitKl.gated(e, theta, thetaClipped, sums, inclusion, slabVar, spikeVar).total(e).sum();
            } else if (holder != l) {
                // a channel of a residual stream: the weights of every layer writing it are conditioned on its one gate
                SDVariable spikeVar = unitKl.pointMassSpike() ? null
                        : sd.placeHolder(LayerPlaceholder.SPIKE_VARIANCE.of(l), dataType);
                layerKl = unitKl.weightTerms(e, thetas[holder], sums, slabVar, spikeVar).total(e).sum();
            } else {
                layerKl = unitKl.ungated(e, sums, slabVar).sum();
            }
            outputs[l] = h;
            kl = kl == null ? layerKl : kl.add(layerKl);
        }
        SDVariable nll = sd.loss().softmaxCrossEntropy("nll", y, h, null);
        sd.identity("kl", kl);
        nll.add("loss", kl.mul(klScale));
        sd.setLossVariables("loss");
    }

    /**
     * The training-mode batch normalisation of sampled pre-activations {@code a} ({@code [b, C, H, W]}):
     * {@code gamma (a - m) / sqrt(v + EPSILON) + beta} with the minibatch's per-channel mean {@code m} and population
     * variance {@code v} over examples and positions ({@link BatchNormState}); scale and shift are trained variables.
     */
    private SDVariable batchNormalized(SDVariable pre, VariationalLayer p, int l) {
        SDVariable scale = variable(ParameterKind.BATCH_NORM_SCALE.at(l), p.norm().scale());
        SDVariable shift = variable(ParameterKind.BATCH_NORM_SHIFT.at(l), p.norm().shift());
        SDVariable channelMean = pre.mean(true, 0, 2, 3);
        SDVariable centred = pre.sub(channelMean);
        SDVariable variance = sd.math().square(centred).mean(true, 0, 2, 3);
        SDVariable normalized = centred.div(sd.math().sqrt(variance.add(BatchNormState.EPSILON)));
        return normalized.mul(scale.reshape(1, p.units(), 1, 1)).add(shift.reshape(1, p.units(), 1, 1));
    }

    /** The trained variable of {@code key}, named {@link ParameterKey#graphName()}, holding {@code value}. */
    private SDVariable variable(ParameterKey key, INDArray value) {
        parameters.add(key);
        return sd.var(key.graphName(), value);
    }

    /**
     * Sums elementwise weight terms over each unit's weight group, {@code [1, n]}: the columns of a dense layer, the
     * kernels of a convolution (reshaped to {@code [kH kW C_in, n]} first, since SameDiff cannot reduce over the
     * size-1 input-channel axis of a first layer).
     */
    private static SDVariable perUnit(SDVariable elementwise, VariationalLayer p) {
        SDVariable columns = p.weightMean().rank() == 2 ? elementwise : elementwise.reshape(p.fanIn(), p.units());
        return columns.sum(true, 0);
    }

    /** Keys of all trainable variables, layer by layer. */
    public List<ParameterKey> parameters() {
        return List.copyOf(parameters);
    }

    /**
     * Evaluates the loss and its gradients for one minibatch with the given noise.
     *
     * @return the loss terms and the gradient of {@code loss} w.r.t. every parameter
     */
    @Override
    public ElboEvaluation evaluate(ElboInputs inputs) {
        return evaluate(inputs, estimator == GateEstimator.STRAIGHT_THROUGH ? gateShifts(inputs) : Map.of());
    }

    /**
     * Straight-through gate shifts {@code b - theta} with {@code b = 1{u < theta}} for every gated layer; the graph
     * adds {@code theta} back, so the forward pass sees the Bernoulli sample {@code b}.
     */
    Map<String, INDArray> gateShifts(ElboInputs inputs) {
        Map<String, INDArray> shifts = new HashMap<>();
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            if (p.gated()) {
                INDArray theta = p.gate().castTo(dataType);
                shifts.put(LayerPlaceholder.GATE_SHIFT.of(l),
                        gateSample(inputs.uniformNoise().get(l), theta).subiRowVector(theta));
            }
        }
        return shifts;
    }

    /** The Bernoulli gate sample {@code 1{u < theta}}, {@code [b, n]}, compared in the data type of {@code theta}. */
    static INDArray gateSample(INDArray u, INDArray theta) {
        return u.castTo(theta.dataType()).lt(theta).castTo(theta.dataType());
    }

    /**
     * Frees the gradient arrays of an evaluation: SameDiff hands them to the caller detached from its session, so they
     * would otherwise wait for the garbage collector (conv nets: some 5 MB per step).
     */
    @Override
    public void release(ElboEvaluation evaluation) {
        evaluation.gradients().values().forEach(INDArray::close);
    }

    /** Evaluates with the given straight-through shifts held fixed (a gradient check perturbs theta around them). */
    ElboEvaluation evaluate(ElboInputs inputs, Map<String, INDArray> shifts) {
        syncParameters();
        Map<String, INDArray> feed = inputs.feed(unitKl.pointMassSpike(), dataType);
        feed.keySet().removeIf(name -> !sd.hasVariable(name));
        if (estimator == GateEstimator.STRAIGHT_THROUGH) {
            for (int l = 0; l < network.layerCount(); l++) {
                feed.remove(LayerPlaceholder.UNIFORM_NOISE.of(l));
            }
            feed.putAll(shifts);
        }
        List<String> names = parameters.stream().map(ParameterKey::graphName).toList();
        OutAndGrad result = sd.calculateGradientsAndOutputs(feed, List.of("loss", "nll", "kl"), names);
        Map<String, INDArray> out = result.getOutputs();
        Map<ParameterKey, INDArray> gradients = new HashMap<>();
        for (ParameterKey key : parameters) {
            gradients.put(key, result.getGradients().get(key.graphName()));
        }
        return new ElboEvaluation(out.get("loss").getDouble(0), out.get("nll").getDouble(0), out.get("kl").getDouble(0),
                gradients);
    }

    /** Points the graph's variables at the network's current arrays (they are replaced when units are removed). */
    private void syncParameters() {
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            sd.associateArrayWithVariable(p.weightMean(), ParameterKind.WEIGHT_MEAN.at(l).graphName());
            sd.associateArrayWithVariable(p.weightLogVariance(), ParameterKind.WEIGHT_LOG_VARIANCE.at(l).graphName());
            sd.associateArrayWithVariable(p.bias(), ParameterKind.BIAS.at(l).graphName());
            if (p.gated()) {
                sd.associateArrayWithVariable(p.gate(), ParameterKind.GATE.at(l).graphName());
            }
            if (p.norm() != null) {
                sd.associateArrayWithVariable(p.norm().scale(), ParameterKind.BATCH_NORM_SCALE.at(l).graphName());
                sd.associateArrayWithVariable(p.norm().shift(), ParameterKind.BATCH_NORM_SHIFT.at(l).graphName());
            }
        }
    }

    static INDArray scalar(double value, DataType type) {
        return Nd4j.scalar(type, value);
    }
}
