package org.parsimony.pruning.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.statistics.LayerStatistics;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.List;

/**
 * The reparameterisation behind MU's scale-invariance argument (Ko, Oehmcke &amp; Gieseke 2019): layer {@code l}'s
 * weights and biases multiplied by {@code c > 0} and layer {@code l + 1}'s weights by {@code 1 / c}. A ReLU network
 * computes the same function ({@code relu(c z) = c relu(z)}), and posterior means and standard deviations scale the
 * same way, so {@code |mu| / sigma} is unchanged while {@code |mu|} is not.
 *
 * @param network    the rescaled network
 * @param statistics the rescaled statistics (means and standard deviations; the recorded history is dropped)
 */
public record LayerRescaling(DeterministicMlp network, PosteriorStatistics statistics) {

    /**
     * Rescales hidden layer {@code layer} of {@code network} and its {@code statistics} by {@code c}.
     *
     * @throws IllegalArgumentException if {@code layer} is not a hidden layer (the last layer has no next layer to
     *                                  compensate), {@code c} is not positive and finite, or the statistics do not
     *                                  describe the network's widths
     */
    public static LayerRescaling of(DeterministicMlp network, PosteriorStatistics statistics, int layer, double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("the rescaling factor must be positive and finite, got " + c);
        }
        if (layer < 0 || layer >= network.layerCount() - 1) {
            throw new IllegalArgumentException("layer " + layer + " is not a hidden layer of a network with "
                    + network.layerCount() + " layers (the next layer must absorb 1/c)");
        }
        if (!java.util.Arrays.equals(network.widths(), statistics.widths())) {
            throw new IllegalArgumentException("statistics describe widths " + java.util.Arrays.toString(statistics.widths())
                    + ", network has " + java.util.Arrays.toString(network.widths()));
        }
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            double factor = l == layer ? c : l == layer + 1 ? 1 / c : 1;
            weights.add(network.weight(l).muli(factor));
            biases.add(l == layer ? network.bias(l).muli(c) : network.bias(l));
            LayerStatistics s = statistics.layer(l);
            INDArray sigma = s.hasStandardDeviations() ? s.weightStandardDeviation().mul(factor) : null;
            layers.add(new LayerStatistics(s.weightMean().mul(factor), sigma, s.gateProbabilities(), List.of()));
        }
        return new LayerRescaling(new DeterministicMlp(weights, biases), new PosteriorStatistics(layers));
    }
}
