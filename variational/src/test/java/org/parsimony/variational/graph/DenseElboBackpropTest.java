package org.parsimony.variational.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalMlp;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.training.NoiseSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parsimony.variational.graph.ConvElboGraphGradientCheckTest.fixedInputs;

/**
 * {@link DenseElboBackprop} against {@link ElboGraph} (loss, nll, kl and every gradient entry to 1e-9) on tiny
 * double-precision MLPs for every estimator and prior variant, with gates inside (0, 1), at exactly 0 and 1 and at the
 * clip bound; its own gradients against central differences; and {@link ElboObjective#of}'s choice.
 */
class DenseElboBackpropTest {
    private static final double TOLERANCE = 1e-9;

    /**
     * A random double network 5-4-3-3 or 6-3-2 with gates in [0.2, 0.8] and hidden biases raised by 1, so that most
     * ReLUs are active; with {@code edgeGates} gate 0 of the first layer is exactly 0, gate 1 exactly 1 and, in the
     * deeper net, gate 2 at the lower clip bound and gate 0 of the second layer at the upper one.
     */
    private static VariationalNetwork network(String name, boolean edgeGates) {
        Architecture architecture = name.equals("5-4-3-3") ? Architecture.mlp(5, new int[] {4, 3}, 3)
                : Architecture.mlp(6, new int[] {3}, 2);
        VariationalNetwork network = ConvElboGraphGradientCheckTest.randomNetwork(architecture, 7);
        for (int l = 0; l < network.layerCount() - 1; l++) {
            network.layer(l).bias().addi(1.0);
        }
        if (edgeGates) {
            INDArray first = network.layer(0).gate();
            first.putScalar(0, 0.0);
            first.putScalar(1, 1.0);
            if (network.layerCount() > 2) {
                first.putScalar(2, ElboGraph.THETA_CLIP);
                network.layer(1).gate().putScalar(0, 1 - ElboGraph.THETA_CLIP);
            }
        }
        return network;
    }

    static Stream<Arguments> variants() {
        List<Arguments> variants = new ArrayList<>();
        for (String name : List.of("5-4-3-3", "6-3-2")) {
            for (GateEstimator estimator : GateEstimator.values()) {
                for (boolean pointMassSpike : new boolean[] {true, false}) {
                    for (boolean flattened : new boolean[] {true, false}) {
                        variants.add(Arguments.of(name, estimator, pointMassSpike, flattened));
                    }
                }
            }
        }
        return variants.stream();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void equalsTheSameDiffGraph(String name, GateEstimator estimator, boolean pointMassSpike, boolean flattened) {
        VariationalNetwork network = network(name, true);
        ElboInputs inputs = fixedInputs(network, 11, 0.3);
        ElboEvaluation expected = new ElboGraph(network, pointMassSpike, estimator, flattened).evaluate(inputs);
        for (int l = 0; l < network.layerCount(); l++) {
            // the likelihood reaches every layer (a bias gets no KL gradient)
            assertTrue(expected.gradients().get(ParameterKind.BIAS.at(l)).amaxNumber().doubleValue() > 1e-3);
        }
        assertMatches(expected, new DenseElboBackprop(network, pointMassSpike, estimator, flattened).evaluate(inputs),
                TOLERANCE);
    }

    @Test
    void readsTheNetworksCurrentArraysOnEveryCall() {
        VariationalNetwork network = network("5-4-3-3", false);
        DenseElboBackprop objective = new DenseElboBackprop(network, false, GateEstimator.STRAIGHT_THROUGH, false);
        objective.evaluate(fixedInputs(network, 11, 0.3));
        network.layer(1).weightMean().muli(0.5);
        network.keepUnits(0, new long[] {0, 2, 3});
        ElboInputs inputs = fixedInputs(network, 11, 0.3);
        assertMatches(new ElboGraph(network, false, GateEstimator.STRAIGHT_THROUGH, false).evaluate(inputs),
                objective.evaluate(inputs), TOLERANCE);
    }

    @Test
    void releasedGradientsAreReusedAndCloseFreesThemButNeitherTheInputsNorTheParameters() {
        VariationalMlp network = VariationalMlp.initialize(5, new int[] {4, 3}, 3, 0.1, 0.6, 3);
        ElboInputs inputs = fixedInputs(network, 11, 0.3);
        DenseElboBackprop objective = new DenseElboBackprop(network, false, GateEstimator.RELAXED, false);
        ElboEvaluation first = objective.evaluate(inputs);
        ElboEvaluation copy = new ElboEvaluation(first.loss(), first.nll(), first.kl(), new java.util.HashMap<>());
        first.gradients().forEach((name, g) -> copy.gradients().put(name, g.dup()));
        int allocated = objective.nativeArrays();
        objective.release(first);
        // the next evaluation allocates nothing: it writes into the same native arrays, with the same values
        ElboEvaluation second = objective.evaluate(inputs);
        assertEquals(allocated, objective.nativeArrays());
        assertMatches(copy, second, 0);
        objective.release(second);
        objective.close();
        second.gradients().values().forEach(g -> assertTrue(g.wasClosed()));
        for (int l = 0; l < network.layerCount(); l++) {
            assertFalse(network.layer(l).weightMean().wasClosed());
            assertFalse(inputs.gaussianNoise().get(l).wasClosed());
        }
        assertFalse(inputs.features().wasClosed());
        // after close the objective allocates afresh
        assertMatches(copy, objective.evaluate(inputs), 0);
    }

    @ParameterizedTest
    @EnumSource(GateEstimator.class)
    void computesInFloatForAFloatNetwork(GateEstimator estimator) {
        VariationalMlp network = VariationalMlp.initialize(5, new int[] {4, 3}, 3, 0.1, 0.6, 3);
        ElboInputs inputs = fixedInputs(network, 11, 0.3);
        ElboEvaluation dense = new DenseElboBackprop(network, false, estimator, false).evaluate(inputs);
        dense.gradients().values().forEach(g -> assertEquals(DataType.FLOAT, g.dataType()));
        assertMatches(new ElboGraph(network, false, estimator, false).evaluate(inputs), dense, 1e-5);
    }

    /**
     * The {@code float} loops at a size where the 16-row blocks of the per-unit sums end in a partial block and rows
     * are wider than the vectors, with {@code float} inputs as training draws them; against the graph in {@code float}.
     */
    @ParameterizedTest
    @EnumSource(GateEstimator.class)
    void computesInFloatAtSizesWithPartialBlocks(GateEstimator estimator) {
        VariationalMlp network = VariationalMlp.initialize(40, new int[] {37, 21}, 10, 0.1, 0.6, 3);
        int batch = 45;
        NoiseSource.StepNoise noise = NoiseSource.StepNoise.seeded(5);
        INDArray x = noise.uniform(batch, 40);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        List<INDArray> eps = new ArrayList<>();
        List<INDArray> u = new ArrayList<>();
        List<LayerPrior> priors = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            eps.add(noise.gaussian(batch, network.layer(l).units()));
            u.add(network.layer(l).gated() ? noise.uniform(batch, network.layer(l).units()) : null);
            priors.add(new LayerPrior(0.3 + 0.1 * l, 0.5 + l, 0.01 * (l + 1)));
        }
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        ElboInputs inputs = new ElboInputs(x, y, eps, u, priors, 0.05, 0.7);
        ElboEvaluation dense = new DenseElboBackprop(network, false, estimator, false).evaluate(inputs);
        dense.gradients().values().forEach(g -> assertEquals(DataType.FLOAT, g.dataType()));
        assertMatches(new ElboGraph(network, false, estimator, false).evaluate(inputs), dense, 1e-4);
    }

    @Test
    void aSecondEvaluationWithTheSameInputsGivesTheSameNumbersThoughItReusesTheJavaBuffers() {
        VariationalNetwork network = network("5-4-3-3", true);
        DenseElboBackprop objective = new DenseElboBackprop(network, false, GateEstimator.RELAXED, false);
        ElboInputs inputs = fixedInputs(network, 11, 0.3);
        ElboEvaluation first = objective.evaluate(inputs);
        // a smaller batch in between leaves longer buffers behind, which the next call must not read past
        objective.evaluate(firstRows(inputs, 2));
        assertMatches(first, objective.evaluate(inputs), 0);
    }

    /** The same inputs for the first {@code rows} examples only. */
    private static ElboInputs firstRows(ElboInputs inputs, int rows) {
        java.util.function.UnaryOperator<INDArray> head = a -> a == null ? null
                : a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
        return new ElboInputs(head.apply(inputs.features()), head.apply(inputs.oneHot()),
                inputs.gaussianNoise().stream().map(head).toList(),
                inputs.uniformNoise().stream().map(head).collect(java.util.stream.Collectors.toList()),
                inputs.priors(), inputs.klScale(), inputs.temperature());
    }

    @ParameterizedTest
    @CsvSource({"5-4-3-3,true,false", "5-4-3-3,false,false", "6-3-2,false,true"})
    void relaxedGradientsMatchCentralDifferences(String name, boolean pointMassSpike, boolean flattened) {
        VariationalNetwork network = network(name, false);
        ElboInputs inputs = fixedInputs(network, 11, 0.05);
        DenseElboBackprop objective = new DenseElboBackprop(network, pointMassSpike, GateEstimator.RELAXED, flattened);
        int parameters = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            parameters += 2 * p.fanIn() * p.units() + p.units() + (p.gated() ? p.units() : 0);
        }
        assertEquals(parameters, CentralDifferences.check(network, () -> objective.evaluate(inputs)));
    }

    @Test
    void factoryPicksTheBackpropForMlpsAndTheGraphForConvNets() {
        assertInstanceOf(DenseElboBackprop.class,
                ElboObjective.of(network("6-3-2", false), true, GateEstimator.STRAIGHT_THROUGH, false));
        VariationalNetwork conv = ConvElboGraphGradientCheckTest.tinyNetwork(3);
        assertInstanceOf(ElboGraph.class, ElboObjective.of(conv, true, GateEstimator.STRAIGHT_THROUGH, false));
        assertThrows(IllegalArgumentException.class,
                () -> new DenseElboBackprop(conv, true, GateEstimator.STRAIGHT_THROUGH, false));
        VariationalMlp oneUnit = VariationalMlp.initialize(4, new int[] {1}, 2, 0.01, 0.9, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ElboObjective.of(oneUnit, true, GateEstimator.STRAIGHT_THROUGH, false));
        assertTrue(e.getMessage().contains("at least 2 units"), e.getMessage());
    }

    /** Loss terms and every gradient entry equal to {@code tolerance}, relative above magnitude 1, absolute below. */
    private static void assertMatches(ElboEvaluation expected, ElboEvaluation actual, double tolerance) {
        assertClose(expected.loss(), actual.loss(), tolerance, "loss");
        assertClose(expected.nll(), actual.nll(), tolerance, "nll");
        assertClose(expected.kl(), actual.kl(), tolerance, "kl");
        assertEquals(expected.gradients().keySet(), actual.gradients().keySet());
        expected.gradients().forEach((name, gradient) -> {
            INDArray other = actual.gradients().get(name);
            assertArrayEquals(gradient.shape(), other.shape(), name.graphName());
            for (long i = 0; i < gradient.length(); i++) {
                assertClose(gradient.getDouble(i), other.getDouble(i), tolerance, name + "[" + i + "]");
            }
        });
    }

    private static void assertClose(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), what);
    }
}
