package org.parsimony.variational.training;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.parsimony.variational.graph.ElboGraph;
import org.parsimony.variational.graph.ElboInputs;
import org.parsimony.variational.graph.GateEstimator;
import org.parsimony.variational.graph.LayerPrior;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ConvPadding;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerSpec;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.optim.AdamOptimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Removing a filter (or unit) whose gate is closed, as the trainer does during training: the network's outputs do
 * not change, and the surviving parameters and Adam moments are carried over, for every kind of neighbour (conv after
 * conv: input channel; dense after the flatten: the channel's H*W rows; dense after dense: the row).
 */
class FilterRemovalTest {
    /** 1x8x8 -> conv 4 3x3 (6x6) -> conv 3 3x3 (4x4) + pool (2x2) -> dense 4 -> 3 classes. */
    private static final Architecture NET = new Architecture("tiny", new ImageShape(1, 8, 8), List.of(
            LayerSpec.conv(4, 3, ConvPadding.VALID, false), LayerSpec.conv(3, 3, ConvPadding.VALID, true),
            LayerSpec.dense(4), LayerSpec.dense(3)));
    private static final int BATCH = 6;
    private static final int REMOVED = 1;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void removingAClosedFilterLeavesTheOutputsAndCarriesParametersAndAdamMomentsOver(int layer) {
        VariationalNetwork network = VariationalNetwork.initialize(NET, 0.05, 1.0, 3);
        network.layer(layer).gate().putScalar(REMOVED, 0.0);
        AdamOptimizer adam = new AdamOptimizer();
        takeOneStep(network, adam);
        ElboInputs inputs = inputs(network, 17);
        double before = new ElboGraph(network, true, GateEstimator.STRAIGHT_THROUGH).evaluate(inputs).nll();

        VariationalLayer oldLayer = network.layer(layer);
        VariationalLayer oldNext = network.layer(layer + 1);
        INDArray[] oldMoments = adam.moments(ParameterKind.WEIGHT_MEAN.at(layer));
        INDArray[] oldNextMoments = adam.moments(ParameterKind.WEIGHT_MEAN.at(layer + 1));
        int units = oldLayer.units();
        long[] kept = LongStream.range(0, units).filter(j -> j != REMOVED).toArray();
        UnitRemoval.keep(network, adam, layer, kept);

        assertEquals(units - 1, network.layer(layer).units());
        ElboInputs smaller = withoutUnit(inputs, layer);
        double after = new ElboGraph(network, true, GateEstimator.STRAIGHT_THROUGH).evaluate(smaller).nll();
        assertEquals(before, after, 1e-5 * Math.abs(before), "the closed filter contributed nothing");

        // surviving parameters and moments: unit k of the new layer is unit kept[k] of the old one
        for (int k = 0; k < kept.length; k++) {
            assertArrayEquals(unit(oldLayer.weightMean(), kept[k]), unit(network.layer(layer).weightMean(), k), 0f);
            assertArrayEquals(unit(oldMoments[0], kept[k]), unit(adam.moments(ParameterKind.WEIGHT_MEAN.at(layer))[0], k), 0f);
            assertArrayEquals(unit(oldMoments[1], kept[k]), unit(adam.moments(ParameterKind.WEIGHT_MEAN.at(layer))[1], k), 0f);
            assertEquals(oldLayer.bias().getFloat(kept[k]), network.layer(layer).bias().getFloat(k), 0f);
            assertEquals(oldLayer.gate().getFloat(kept[k]), network.layer(layer).gate().getFloat(k), 0f);
        }
        // the next layer's inputs: what the kept units fed, in order
        INDArray[] newNextMoments = adam.moments(ParameterKind.WEIGHT_MEAN.at(layer + 1));
        int perUnit = layer == 1 ? 4 : 1; // the 2x2 positions of a flattened channel
        for (int k = 0; k < kept.length; k++) {
            for (int p = 0; p < perUnit; p++) {
                long oldIndex = kept[k] * perUnit + p;
                long newIndex = (long) k * perUnit + p;
                assertArrayEquals(input(oldNext.weightMean(), oldIndex), input(network.layer(layer + 1).weightMean(), newIndex), 0f);
                assertArrayEquals(input(oldNextMoments[0], oldIndex), input(newNextMoments[0], newIndex), 0f);
                assertArrayEquals(input(oldNextMoments[1], oldIndex), input(newNextMoments[1], newIndex), 0f);
            }
        }
        assertEquals(oldNext.weightMean().length() / units * (units - 1), network.layer(layer + 1).weightMean().length());
    }

    /** One Adam step on every parameter with random gradients, so that every moment is non-zero. */
    private static void takeOneStep(VariationalNetwork network, AdamOptimizer adam) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(5);
        adam.beginStep();
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            adam.apply(ParameterKind.WEIGHT_MEAN.at(l), p.weightMean(), Nd4j.randn(random, p.weightMean().shape()).castTo(p.weightMean().dataType()), 1e-3);
            adam.apply(ParameterKind.WEIGHT_LOG_VARIANCE.at(l), p.weightLogVariance(), Nd4j.randn(random, p.weightMean().shape()).castTo(p.weightMean().dataType()), 1e-3);
        }
    }

    private static ElboInputs inputs(VariationalNetwork network, long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray x = Nd4j.rand(random, BATCH, 64);
        INDArray y = Nd4j.zeros(BATCH, 3);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        List<INDArray> eps = new ArrayList<>();
        List<INDArray> u = new ArrayList<>();
        List<LayerPrior> priors = new ArrayList<>();
        NoiseSource.StepNoise noise = NoiseSource.StepNoise.seeded(seed);
        for (int l = 0; l < network.layerCount(); l++) {
            eps.add(noise.gaussian(network.noiseShape(l, BATCH)));
            u.add(network.layer(l).gated() ? noise.uniform(BATCH, network.layer(l).units()) : null);
            priors.add(new LayerPrior(0.5, 1.0, 0.0));
        }
        return new ElboInputs(x, y, eps, u, priors, 1e-3, 0.5);
    }

    /** The same noise without unit {@link #REMOVED} of layer {@code l} (channel axis 1 of eps, column of u). */
    private static ElboInputs withoutUnit(ElboInputs inputs, int l) {
        List<INDArray> eps = new ArrayList<>(inputs.gaussianNoise());
        List<INDArray> u = new ArrayList<>(inputs.uniformNoise());
        eps.set(l, dropIndex(eps.get(l), 1));
        u.set(l, dropIndex(u.get(l), 1));
        return new ElboInputs(inputs.features(), inputs.oneHot(), eps, u, inputs.priors(), inputs.klScale(),
                inputs.temperature());
    }

    private static INDArray dropIndex(INDArray a, int axis) {
        long[] kept = LongStream.range(0, a.size(axis)).filter(j -> j != REMOVED).toArray();
        INDArrayIndex[] index = new INDArrayIndex[a.rank()];
        for (int d = 0; d < index.length; d++) {
            index[d] = d == axis ? NDArrayIndex.indices(kept) : NDArrayIndex.all();
        }
        return a.get(index).dup();
    }

    /** The weights of unit {@code j} (last axis), flattened. */
    private static float[] unit(INDArray weights, long j) {
        INDArrayIndex[] index = new INDArrayIndex[weights.rank()];
        for (int d = 0; d < index.length; d++) {
            index[d] = d == index.length - 1 ? NDArrayIndex.point(j) : NDArrayIndex.all();
        }
        return weights.get(index).dup().data().asFloat();
    }

    /** The weights reading input {@code i} (row of a matrix, input channel of a kernel), flattened. */
    private static float[] input(INDArray weights, long i) {
        INDArrayIndex[] index = new INDArrayIndex[weights.rank()];
        for (int d = 0; d < index.length; d++) {
            index[d] = d == (weights.rank() == 2 ? 0 : 2) ? NDArrayIndex.point(i) : NDArrayIndex.all();
        }
        return weights.get(index).dup().data().asFloat();
    }
}
