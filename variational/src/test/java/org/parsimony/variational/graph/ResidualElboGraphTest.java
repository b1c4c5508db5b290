package org.parsimony.variational.graph;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.priors.BernoulliGatePrior;
import org.parsimony.priors.GaussianScaleMixturePrior;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicConvNet;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerDependencies;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The residual additions and shared stream gates of the SameDiff ELBO ({@link ElboGraph}; residual networks have no
 * hand-written path): gradients against central differences, the KL of a stream's channel (one gate term, every
 * writer's weights conditioned on it) against the priors module, and the graph's mean network against the ND4J
 * deterministic network's forward pass.
 */
class ResidualElboGraphTest {
    /**
     * ResNet-8 on 1x6x6: stem 0; block (1, 2); stage 2 (3 stride 2, projection 4, 5); stage 3 (6, projection 7, 8 with
     * global pooling); dense 9. Streams {0, 2}, {4, 5}, {7, 8}.
     */
    static final Architecture RESNET8 = Architecture.resnet(1, new ImageShape(1, 6, 6), 3)
            .withGatedUnits(new int[] {2, 2, 2, 2, 3, 3, 2, 2, 2});

    @Test
    void gradientsMatchCentralDifferencesThroughAdditionsAndSharedGates() {
        VariationalNetwork network = ConvElboGraphGradientCheckTest.randomNetwork(RESNET8, 7);
        ElboInputs inputs = ConvElboGraphGradientCheckTest.fixedInputs(network, 11, 0.05);
        ElboGraph graph = new ElboGraph(network, false, GateEstimator.STRAIGHT_THROUGH);
        Map<String, INDArray> shifts = graph.gateShifts(inputs);
        // two entries of every array (SameDiff takes some 0.2 s per evaluation of this graph)
        int checked = CentralDifferences.check(network, () -> graph.evaluate(inputs, shifts), 2);
        int arrays = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            arrays += 3 + (p.gated() ? 1 : 0) + (p.norm() != null ? 2 : 0);
        }
        assertEquals(2 * arrays, checked);
        assertEquals(List.of(0, 1, 3, 4, 6, 7), java.util.stream.IntStream.range(0, 9)
                .filter(l -> network.layer(l).gated()).boxed().toList()); // streams {0, 2}, {4, 5}, {7, 8}: one gate each
    }

    @Test
    void aStreamChannelsKlHasOneGateTermAndEveryWritersWeightsConditionedOnIt() {
        VariationalNetwork network = ConvElboGraphGradientCheckTest.randomNetwork(RESNET8, 3);
        ElboInputs inputs = ConvElboGraphGradientCheckTest.fixedInputs(network, 5, 0.125);
        ElboEvaluation evaluation = new ElboGraph(network, false, GateEstimator.STRAIGHT_THROUGH).evaluate(inputs);
        LayerDependencies graph = RESNET8.dependencies();
        double expectedKl = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            VariationalLayer holder = network.layer(graph.gateHolder(l));
            LayerPrior prior = inputs.priors().get(l);
            GaussianScaleMixturePrior gsm = new GaussianScaleMixturePrior(prior.spikeVariance(), prior.slabVariance());
            for (int j = 0; j < p.units(); j++) {
                double[] means = p.weightMeanColumns().getColumn(j).toDoubleVector();
                double[] variances = Transforms.exp(p.weightLogVarianceColumns().getColumn(j), true).toDoubleVector();
                double theta = holder.gated() ? holder.gate().getDouble(j) : 1.0;
                expectedKl += gsm.expectedKl(means, variances, theta);
                if (p.gated()) {
                    expectedKl += BernoulliGatePrior.klDivergence(theta, prior.inclusion());
                }
            }
        }
        assertEquals(expectedKl, evaluation.kl(), 1e-9 * expectedKl);
    }

    @Test
    void withOpenGatesAndNoNoiseTheGraphComputesTheDeterministicResidualNet() {
        VariationalNetwork network = ConvElboGraphGradientCheckTest.randomNetwork(RESNET8, 9);
        for (int l = 0; l < network.layerCount() - 1; l++) {
            if (network.layer(l).gated()) {
                network.layer(l).gate().assign(1.0);
            }
        }
        ElboInputs noisy = ConvElboGraphGradientCheckTest.fixedInputs(network, 4, 0.0);
        List<INDArray> zeros = noisy.gaussianNoise().stream().map(INDArray::like).toList();
        ElboInputs inputs = new ElboInputs(noisy.features(), noisy.oneHot(), zeros, noisy.uniformNoise(), noisy.priors(),
                0.0, 0.7);
        double nll = new ElboGraph(network, true, GateEstimator.STRAIGHT_THROUGH).evaluate(inputs).nll();
        // the graph normalises by the batch's statistics: so does the deterministic net's statistics pass
        INDArray logits = ((DeterministicConvNet) network.decided())
                .logitsWithBatchStatistics(inputs.features(), new ArrayList<>()).castTo(DataType.DOUBLE);
        INDArray logSoftmax = logits.subColumnVector(Transforms.log(Transforms.exp(logits, true).sum(true, 1), false));
        double expected = -logSoftmax.mul(inputs.oneHot()).sumNumber().doubleValue() / inputs.features().size(0);
        assertEquals(expected, nll, 1e-5);
    }
}
