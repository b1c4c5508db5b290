package org.parsimony.variational.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.priors.ArrayArithmetic;
import org.parsimony.priors.GatedUnitKl;
import org.parsimony.priors.KlMinimizingRescaling;
import org.parsimony.variational.graph.LayerPrior;
import org.parsimony.variational.network.LayerDependencies;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;

import java.util.Arrays;
import java.util.List;

/**
 * Rescales every hidden ReLU unit of a variational network by its {@link KlMinimizingRescaling KL-minimising factor}:
 * incoming weight means, standard deviations and bias times {@code c_j}, the weights it feeds in the next layer (a
 * dense row, a convolution's input channel, the {@code H W} rows of its channel after a flatten: {@link LayerDependencies})
 * times {@code 1 / c_j}. The network computes the same function and the same likelihood (up to the {@code 1e-8} jitter
 * on each sampled pre-activation's variance), and its KL can only fall, so the step is free. Done after every
 * structure epoch it removes the imprint of the initial weight scale on how the KL is shared between layers, which
 * gradient steps keep; the overall scale of the weights against the prior it cannot move. A layer with batch
 * normalisation is left alone (normalising its pre-activations makes the incoming scale a different symmetry), as are
 * the output layer (it feeds the softmax) and the layers of a residual stream.
 * The Adam moments are left as they are: Adam's step {@code m / sqrt(v)} does not depend on the gradient's scale.
 */
final class UnitRescaling {
    private final GatedUnitKl unitKl;

    UnitRescaling(GatedUnitKl unitKl) {
        this.unitKl = unitKl;
    }

    /**
     * Rescales the units of every hidden layer without batch normalisation, in place, layer by layer from the input.
     *
     * @param priors each layer's prior, as the KL uses it
     * @return the factors {@code c_j} per layer (ones for the layers left alone), for logging and tests
     */
    double[][] rescale(VariationalNetwork network, List<LayerPrior> priors) {
        double[][] factors = new double[network.layerCount() - 1][];
        for (int l = 0; l < network.layerCount() - 1; l++) {
            if (network.layer(l).norm() == null && chainLink(network, l)) {
                long[][] rows = rowsFedByEachUnit(network, l);
                factors[l] = factors(network, l, priors, rows);
                apply(network, l, factors[l], rows);
            } else {
                factors[l] = new double[network.layer(l).units()];
                Arrays.fill(factors[l], 1);
            }
        }
        return factors;
    }

    /**
     * Whether hidden layer {@code l} is a plain ReLU link of a chain: activated, read by layer {@code l + 1} alone and
     * joined to no other layer by an addition (a residual stream's channels are shared by several layers; left alone).
     */
    private static boolean chainLink(VariationalNetwork network, int l) {
        LayerDependencies dependencies = network.architecture().dependencies();
        return network.architecture().layer(l).activated() && dependencies.coupled(l).equals(List.of(l))
                && dependencies.consumers(l).equals(List.of(l + 1));
    }

    /** Per unit {@code j} of layer {@code l}, the rows of layer {@code l + 1}'s column matrix it feeds. */
    private static long[][] rowsFedByEachUnit(VariationalNetwork network, int l) {
        LayerDependencies dependencies = network.architecture().dependencies();
        long[][] rows = new long[network.layer(l).units()][];
        for (int j = 0; j < rows.length; j++) {
            rows[j] = dependencies.weightRowsFedBy(l, l + 1, new long[] {j});
        }
        return rows;
    }

    private double[] factors(VariationalNetwork network, int l, List<LayerPrior> priors, long[][] rows) {
        VariationalLayer layer = network.layer(l);
        VariationalLayer next = network.layer(l + 1);
        GatedUnitKl.Derivatives<double[]> own = weightDerivatives(layer, priors.get(l));
        GatedUnitKl.Derivatives<double[]> consumer = weightDerivatives(next, priors.get(l + 1));
        double[] incoming = layer.weightSecondMomentColumns().sum(0).toDoubleVector();
        double[][] outgoing = next.weightSecondMomentColumns().toDoubleMatrix();
        double[] c = new double[layer.units()];
        for (int j = 0; j < c.length; j++) {
            double outgoingCount = 0;
            double outgoingMoment = 0;
            for (int k = 0; k < next.units(); k++) {
                double rowSum = 0;
                for (long row : rows[j]) {
                    rowSum += outgoing[(int) row][k];
                }
                outgoingCount += rows[j].length * ArrayArithmetic.element(consumer.logVarianceWeight(), k);
                outgoingMoment += ArrayArithmetic.element(consumer.meanScale(), k) * rowSum;
            }
            c[j] = KlMinimizingRescaling.optimalScale(
                    layer.fanIn() * ArrayArithmetic.element(own.logVarianceWeight(), j),
                    ArrayArithmetic.element(own.meanScale(), j) * incoming[j], outgoingCount, outgoingMoment);
        }
        return c;
    }

    private GatedUnitKl.Derivatives<double[]> weightDerivatives(VariationalLayer layer, LayerPrior prior) {
        ArrayArithmetic e = ArrayArithmetic.INSTANCE;
        double[] slab = ArrayArithmetic.scalar(prior.slabVariance());
        return layer.gated()
                ? unitKl.weightDerivatives(e, layer.gate().toDoubleVector(), slab,
                ArrayArithmetic.scalar(prior.spikeVariance()))
                : unitKl.ungatedDerivatives(e, slab);
    }

    private static void apply(VariationalNetwork network, int l, double[] c, long[][] rows) {
        VariationalLayer layer = network.layer(l);
        VariationalLayer next = network.layer(l + 1);
        INDArray scale = Nd4j.createFromArray(c).castTo(layer.weightMean().dataType()).reshape(1, c.length);
        INDArray logScale2 = Transforms.log(scale, true).muli(2);
        scaleColumns(layer.weightMean(), layer.weightMeanColumns().mulRowVector(scale));
        scaleColumns(layer.weightLogVariance(), layer.weightLogVarianceColumns().addRowVector(logScale2));
        layer.bias().muli(scale);

        double[] rowScale = new double[next.fanIn()];
        Arrays.fill(rowScale, 1);
        for (int j = 0; j < c.length; j++) {
            for (long row : rows[j]) {
                rowScale[(int) row] = 1 / c[j];
            }
        }
        INDArray rowColumn = Nd4j.createFromArray(rowScale).castTo(next.weightMean().dataType())
                .reshape(rowScale.length, 1);
        INDArray logRows2 = Transforms.log(rowColumn, true).muli(2);
        scaleColumns(next.weightMean(), next.weightMeanColumns().mulColumnVector(rowColumn));
        scaleColumns(next.weightLogVariance(), next.weightLogVarianceColumns().addColumnVector(logRows2));
    }

    /** Writes the {@code [fanIn, n]} matrix {@code columns} back into {@code parameter} (dense or kernel shaped). */
    private static void scaleColumns(INDArray parameter, INDArray columns) {
        parameter.assign(columns.reshape(parameter.shape()));
    }
}
