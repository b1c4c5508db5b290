package org.parsimony.variational.graph;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.priors.BernoulliGatePrior;
import org.parsimony.priors.GaussianScaleMixturePrior;
import org.parsimony.variational.network.VariationalDenseParameters;
import org.parsimony.variational.network.VariationalMlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central finite differences of the negative ELBO against SameDiff's gradients for every parameter kind
 * (weight means, weight log-variances, biases, gate probabilities) on a tiny double-precision network,
 * with the noise held fixed; and the graph's KL against the plain-array formulas of the priors module.
 */
class ElboGraphGradientCheckTest {
    private static final int BATCH = 6;
    private static final int[] WIDTHS = {5, 4, 3, 3};

    static VariationalMlp tinyNetwork(long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        List<VariationalDenseParameters> layers = new ArrayList<>();
        for (int l = 1; l < WIDTHS.length; l++) {
            int in = WIDTHS[l - 1];
            int out = WIDTHS[l];
            INDArray mean = Nd4j.randn(random, in, out).castTo(DataType.DOUBLE).muli(0.7);
            INDArray logVar = Nd4j.rand(random, in, out).castTo(DataType.DOUBLE).muli(2).subi(5);
            INDArray bias = Nd4j.randn(random, 1, out).castTo(DataType.DOUBLE).muli(0.3);
            INDArray gate = l < WIDTHS.length - 1
                    ? Nd4j.rand(random, 1, out).castTo(DataType.DOUBLE).muli(0.6).addi(0.2) : null;
            layers.add(new VariationalDenseParameters(mean, logVar, bias, gate));
        }
        return new VariationalMlp(layers);
    }

    static ElboInputs fixedInputs(long seed, double klScale) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray x = Nd4j.rand(random, BATCH, WIDTHS[0]).castTo(DataType.DOUBLE);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, WIDTHS[WIDTHS.length - 1]);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % WIDTHS[WIDTHS.length - 1], 1.0);
        }
        List<INDArray> eps = new ArrayList<>();
        List<INDArray> u = new ArrayList<>();
        List<LayerPrior> priors = new ArrayList<>();
        for (int l = 1; l < WIDTHS.length; l++) {
            eps.add(Nd4j.randn(random, BATCH, WIDTHS[l]).castTo(DataType.DOUBLE));
            u.add(l < WIDTHS.length - 1 ? Nd4j.rand(random, BATCH, WIDTHS[l]).castTo(DataType.DOUBLE).muli(0.98).addi(0.01) : null);
            priors.add(new LayerPrior(0.3 + 0.1 * l, 0.5 + l, 0.01 * l));
        }
        return new ElboInputs(x, y, eps, u, priors, klScale, 0.7);
    }

    @ParameterizedTest
    @CsvSource({"true,RELAXED,false", "false,RELAXED,false", "true,STRAIGHT_THROUGH,false", "false,STRAIGHT_THROUGH,false",
            "true,STRAIGHT_THROUGH,true"})
    void gradientsMatchCentralDifferencesForEveryParameterKind(boolean pointMassSpike, GateEstimator estimator,
                                                               boolean flattened) {
        VariationalMlp network = tinyNetwork(7);
        ElboInputs inputs = fixedInputs(11, 0.05);
        ElboGraph graph = new ElboGraph(network, pointMassSpike, estimator, flattened);
        // straight-through: the surrogate z = theta + (b - theta) is differentiated with the sampled shift held fixed
        Map<String, INDArray> shifts = estimator == GateEstimator.STRAIGHT_THROUGH ? graph.gateShifts(inputs) : Map.of();
        int checked = CentralDifferences.check(network, () -> graph.evaluate(inputs, shifts));
        // 5x4 + 4x3 + 3x3 weights (means and log-variances), 4 + 3 + 3 biases, 4 + 3 gates
        assertEquals(2 * (20 + 12 + 9) + 10 + 7, checked);
    }

    @ParameterizedTest
    @CsvSource({"true,RELAXED", "false,RELAXED", "true,STRAIGHT_THROUGH", "false,STRAIGHT_THROUGH"})
    void graphKlEqualsThePriorsModuleAndLossIsNllPlusScaledKl(boolean pointMassSpike, GateEstimator estimator) {
        VariationalMlp network = tinyNetwork(3);
        ElboInputs inputs = fixedInputs(5, 0.125);
        ElboEvaluation evaluation = new ElboGraph(network, pointMassSpike, estimator).evaluate(inputs);
        double expectedKl = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalDenseParameters p = network.layer(l);
            LayerPrior prior = inputs.priors().get(l);
            double spike = pointMassSpike ? 0 : prior.spikeVariance();
            GaussianScaleMixturePrior gsm = new GaussianScaleMixturePrior(spike, prior.slabVariance());
            for (int j = 0; j < p.units(); j++) {
                double[] means = p.weightMean().getColumn(j).toDoubleVector();
                double[] variances = org.nd4j.linalg.ops.transforms.Transforms.exp(p.weightLogVariance().getColumn(j), true).toDoubleVector();
                double theta = p.gated() ? p.gate().getDouble(j) : 1.0;
                expectedKl += gsm.expectedKl(means, variances, theta);
                if (p.gated()) {
                    expectedKl += BernoulliGatePrior.klDivergence(theta, prior.inclusion());
                }
            }
        }
        assertEquals(expectedKl, evaluation.kl(), 1e-9 * expectedKl);
        assertEquals(evaluation.nll() + 0.125 * evaluation.kl(), evaluation.loss(), 1e-12);
    }

    @org.junit.jupiter.api.Test
    void flattenedGateTermIsTheKlPlusTheGateEntropy() {
        VariationalMlp network = tinyNetwork(3);
        ElboInputs inputs = fixedInputs(5, 0.125);
        double full = new ElboGraph(network, true, GateEstimator.STRAIGHT_THROUGH, false).evaluate(inputs).kl();
        double flattened = new ElboGraph(network, true, GateEstimator.STRAIGHT_THROUGH, true).evaluate(inputs).kl();
        double entropy = 0;
        for (int l = 0; l < network.layerCount() - 1; l++) {
            for (double t : network.layer(l).gate().toDoubleVector()) {
                entropy -= t * Math.log(t) + (1 - t) * Math.log(1 - t);
            }
        }
        assertTrue(entropy > 0);
        assertEquals(full + entropy, flattened, 1e-9 * Math.abs(flattened));
    }

    @org.junit.jupiter.api.Test
    void refusesLayersNarrowerThanTheSupportedMinimum() {
        VariationalMlp oneUnit = VariationalMlp.initialize(4, new int[] {1}, 2, 0.01, 0.9, 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ElboGraph(oneUnit, true, GateEstimator.STRAIGHT_THROUGH));
        assertTrue(e.getMessage().contains("at least 2 units"), e.getMessage());
    }
}
