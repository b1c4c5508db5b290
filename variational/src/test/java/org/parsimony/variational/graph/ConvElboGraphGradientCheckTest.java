package org.parsimony.variational.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.priors.BernoulliGatePrior;
import org.parsimony.priors.GaussianScaleMixturePrior;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.BatchNormState;
import org.parsimony.variational.network.ConvPadding;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerSpec;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conv counterpart of {@link ElboGraphGradientCheckTest}: central finite differences of the negative ELBO against
 * SameDiff's gradients for every parameter kind of every layer of a tiny double-precision conv net
 * (1x6x6 input, conv 3 filters 3x3 + 2x2 max pool, gated dense 4, output 3) with the noise held fixed; its KL against
 * the priors module with each filter's kernel as the unit's weight group; and its mean network against the
 * deterministic conv net.
 */
public class ConvElboGraphGradientCheckTest {
    private static final int BATCH = 5;
    public static final Architecture TINY = new Architecture("tiny", new ImageShape(1, 6, 6),
            List.of(LayerSpec.conv(3, 3, ConvPadding.VALID, true), LayerSpec.dense(4), LayerSpec.dense(3)));
    /** conv after conv with same padding: 1x6x6 -> conv 2 3x3 same (6x6) -> conv 3 3x3 valid (4x4) + pool -> 4 -> 3. */
    public static final Architecture TWO_CONV = new Architecture("twoConv", new ImageShape(1, 6, 6),
            List.of(LayerSpec.conv(2, 3, ConvPadding.SAME, false), LayerSpec.conv(3, 3, ConvPadding.VALID, true),
                    LayerSpec.dense(4), LayerSpec.dense(3)));

    /** TWO_CONV with both convolutions batch-normalised. */
    public static final Architecture TWO_CONV_BN = TWO_CONV.withBatchNorm(true);

    static VariationalNetwork tinyNetwork(long seed) {
        return randomNetwork(TINY, seed);
    }

    /** A double-precision network of {@code architecture} with random means, log-variances, biases and gates. */
    public static VariationalNetwork randomNetwork(Architecture architecture, long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        VariationalNetwork shapes = VariationalNetwork.initialize(architecture, 0.01, 0.5, seed);
        List<VariationalLayer> layers = new ArrayList<>();
        for (int l = 0; l < shapes.layerCount(); l++) {
            long[] shape = shapes.layer(l).weightMean().shape();
            int units = shapes.layer(l).units();
            INDArray mean = gaussian(random, 0.6, shape);
            INDArray logVar = logVariance(random, shape);
            INDArray bias = gaussian(random, 0.3, 1, units);
            INDArray theta = shapes.layer(l).gated() ? gate(random, units) : null;
            BatchNormState norm = architecture.layer(l).batchNorm() ? new BatchNormState(gaussian(random, 0.3, 1, units)
                    .addi(1), gaussian(random, 0.3, 1, units), Nd4j.zeros(DataType.DOUBLE, 1, units),
                    Nd4j.ones(DataType.DOUBLE, 1, units)) : null;
            layers.add(architecture.layer(l).type().variationalLayer(mean, logVar, bias, theta, norm));
        }
        return new VariationalNetwork(architecture, layers);
    }

    private static Architecture named(String name) {
        return name.equals("tiny") ? TINY : name.equals("twoConvBn") ? TWO_CONV_BN : TWO_CONV;
    }

    private static INDArray gaussian(Random random, double scale, long... shape) {
        return Nd4j.randn(random, shape).castTo(DataType.DOUBLE).muli(scale);
    }

    private static INDArray logVariance(Random random, long... shape) {
        return Nd4j.rand(random, shape).castTo(DataType.DOUBLE).muli(2).subi(5);
    }

    private static INDArray gate(Random random, int units) {
        return Nd4j.rand(random, 1, units).castTo(DataType.DOUBLE).muli(0.6).addi(0.2);
    }

    public static ElboInputs fixedInputs(VariationalNetwork network, long seed, double klScale) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray x = Nd4j.rand(random, BATCH, network.widths()[0]).castTo(DataType.DOUBLE);
        int classes = network.widths()[network.layerCount()];
        INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, classes);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % classes, 1.0);
        }
        List<INDArray> eps = new ArrayList<>();
        List<INDArray> u = new ArrayList<>();
        List<LayerPrior> priors = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            eps.add(Nd4j.randn(random, network.noiseShape(l, BATCH)).castTo(DataType.DOUBLE));
            u.add(network.layer(l).gated()
                    ? Nd4j.rand(random, BATCH, network.layer(l).units()).castTo(DataType.DOUBLE).muli(0.98).addi(0.01) : null);
            priors.add(new LayerPrior(0.3 + 0.1 * (l % 6), 0.5 + l, 0.01 * (l + 1))); // inclusion in (0, 1) for 10 layers
        }
        return new ElboInputs(x, y, eps, u, priors, klScale, 0.7);
    }

    @ParameterizedTest
    @CsvSource({"tiny,true,STRAIGHT_THROUGH", "tiny,false,RELAXED", "twoConv,false,STRAIGHT_THROUGH",
            "twoConvBn,false,STRAIGHT_THROUGH"})
    void gradientsMatchCentralDifferencesForEveryParameterKindOfEveryLayer(String architecture, boolean pointMassSpike,
                                                                          GateEstimator estimator) {
        VariationalNetwork network = randomNetwork(named(architecture), 7);
        ElboInputs inputs = fixedInputs(network, 11, 0.05);
        ElboGraph graph = new ElboGraph(network, pointMassSpike, estimator);
        Map<String, INDArray> shifts = estimator == GateEstimator.STRAIGHT_THROUGH ? graph.gateShifts(inputs) : Map.of();
        int checked = CentralDifferences.check(network, () -> graph.evaluate(inputs, shifts));
        // tiny: conv 27 means, 27 log-variances, 3 biases, 3 gates; dense 48 + 48 + 4 + 4; output 12 + 12 + 3
        // twoConv: conv 18 + 18 + 2 + 2; conv 54 + 54 + 3 + 3; dense 48 + 48 + 4 + 4; output 12 + 12 + 3
        // twoConvBn: twoConv + scales and shifts of 2 + 3 filters
        assertEquals(architecture.equals("tiny") ? 60 + 104 + 27 : architecture.equals("twoConv") ? 40 + 114 + 104 + 27
                : 40 + 114 + 104 + 27 + 10, checked);
    }

    @Test
    void klTreatsEachFiltersKernelAsTheUnitsWeightGroup() {
        VariationalNetwork network = tinyNetwork(3);
        ElboInputs inputs = fixedInputs(network, 5, 0.125);
        ElboEvaluation evaluation = new ElboGraph(network, false, GateEstimator.STRAIGHT_THROUGH).evaluate(inputs);
        double expectedKl = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            LayerPrior prior = inputs.priors().get(l);
            GaussianScaleMixturePrior gsm = new GaussianScaleMixturePrior(prior.spikeVariance(), prior.slabVariance());
            for (int j = 0; j < p.units(); j++) {
                double[] means = p.weightMeanColumns().getColumn(j).toDoubleVector();
                double[] variances = Transforms.exp(p.weightLogVarianceColumns().getColumn(j), true).toDoubleVector();
                assertEquals(p.fanIn(), means.length);
                double theta = p.gated() ? p.gate().getDouble(j) : 1.0;
                expectedKl += gsm.expectedKl(means, variances, theta);
                if (p.gated()) {
                    expectedKl += BernoulliGatePrior.klDivergence(theta, prior.inclusion());
                }
            }
        }
        assertEquals(expectedKl, evaluation.kl(), 1e-9 * expectedKl);
    }

    @ParameterizedTest
    @CsvSource({"tiny", "twoConv", "vgg"})
    void withOpenGatesAndNoNoiseTheGraphComputesTheDeterministicConvNet(String name) {
        Architecture architecture = name.equals("vgg")
                ? Architecture.smallVgg(new ImageShape(1, 28, 28), 3).withUnits(new int[] {3, 2, 4, 3, 5, 3})
                : named(name);
        VariationalNetwork network = randomNetwork(architecture, 9);
        for (int l = 0; l < network.layerCount() - 1; l++) {
            network.layer(l).gate().assign(1.0);
        }
        ElboInputs noisy = fixedInputs(network, 4, 0.0);
        List<INDArray> zeros = noisy.gaussianNoise().stream().map(INDArray::like).toList();
        ElboInputs inputs = new ElboInputs(noisy.features(), noisy.oneHot(), zeros, noisy.uniformNoise(), noisy.priors(),
                0.0, 0.7);
        double nll = new ElboGraph(network, true, GateEstimator.STRAIGHT_THROUGH).evaluate(inputs).nll();
        INDArray logits = network.toDeterministic().logits(inputs.features()).castTo(DataType.DOUBLE);
        INDArray logSoftmax = logits.subColumnVector(Transforms.log(Transforms.exp(logits, true).sum(true, 1), false));
        double expected = -logSoftmax.mul(inputs.oneHot()).sumNumber().doubleValue() / BATCH;
        assertEquals(expected, nll, 1e-5);
    }
}
