package org.parsimony.pruning.criteria;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.policy.WeightRatioPolicy;
import org.parsimony.pruning.statistics.LayerStatistics;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale-invariance argument of MU (Ko, Oehmcke &amp; Gieseke 2019) on a ReLU network: multiplying one layer's
 * weights and biases by {@code c > 0} and the next layer's weights by {@code 1/c} leaves the function unchanged
 * (ReLU is positively homogeneous), and a posterior's means and standard deviations scale the same way. MU's weight
 * scores, and so its global ranking, are unchanged; magnitude's global ranking changes, so the same network is pruned
 * differently depending on an arbitrary reparameterisation.
 */
class RescalingSymmetryTest {

    @Test
    void rescalingTwoAdjacentLayersChangesMagnitudesGlobalMaskButNotMus() {
        int[] widths = {12, 10, 8, 3};
        Random random = new Random(3);
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        List<INDArray> sigmas = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            weights.add(gaussian(random, widths[l], widths[l + 1], 1.0 / Math.sqrt(widths[l])));
            biases.add(gaussian(random, 1, widths[l + 1], 0.1).reshape(widths[l + 1]));
            sigmas.add(Transforms.abs(gaussian(random, widths[l], widths[l + 1], 0.05), false).addi(0.01));
        }
        double c = 8;
        List<INDArray> scaledWeights = new ArrayList<>(weights);
        List<INDArray> scaledBiases = new ArrayList<>(biases);
        List<INDArray> scaledSigmas = new ArrayList<>(sigmas);
        scaledWeights.set(0, weights.get(0).mul(c));
        scaledBiases.set(0, biases.get(0).mul(c));
        scaledSigmas.set(0, sigmas.get(0).mul(c));
        scaledWeights.set(1, weights.get(1).div(c));
        scaledSigmas.set(1, sigmas.get(1).div(c));

        DeterministicMlp net = new DeterministicMlp(weights, biases);
        DeterministicMlp rescaled = new DeterministicMlp(scaledWeights, scaledBiases);
        INDArray x = gaussian(random, 20, widths[0], 1);
        assertTrue(net.logits(x).equalsWithEps(rescaled.logits(x), 1e-9), "the rescaled network computes the same function");

        PosteriorStatistics before = statistics(weights, sigmas);
        PosteriorStatistics after = statistics(scaledWeights, scaledSigmas);
        WeightMask muBefore = new WeightRatioPolicy(new MagnitudeUncertaintyCriterion(), 0.5, RatioScope.GLOBAL).select(before);
        WeightMask muAfter = new WeightRatioPolicy(new MagnitudeUncertaintyCriterion(), 0.5, RatioScope.GLOBAL).select(after);
        WeightMask magBefore = new WeightRatioPolicy(new MagnitudeCriterion(), 0.5, RatioScope.GLOBAL).select(before);
        WeightMask magAfter = new WeightRatioPolicy(new MagnitudeCriterion(), 0.5, RatioScope.GLOBAL).select(after);
        for (int l = 0; l < weights.size(); l++) {
            assertEquals(muBefore.weightKeep(l), muAfter.weightKeep(l), "MU keeps the same weights of layer " + l);
        }
        assertNotEquals(magBefore.weightKeep(0), magAfter.weightKeep(0), "magnitude now keeps more of the enlarged layer");
        assertTrue(magAfter.weightKeep(0).sumNumber().doubleValue() > magBefore.weightKeep(0).sumNumber().doubleValue());
    }

    private static PosteriorStatistics statistics(List<INDArray> means, List<INDArray> sigmas) {
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < means.size(); l++) {
            layers.add(new LayerStatistics(means.get(l), sigmas.get(l), null, List.of()));
        }
        return new PosteriorStatistics(layers);
    }

    private static INDArray gaussian(Random random, int rows, int columns, double scale) {
        double[][] v = new double[rows][columns];
        for (double[] row : v) {
            for (int j = 0; j < columns; j++) {
                row[j] = scale * random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(v);
    }
}
