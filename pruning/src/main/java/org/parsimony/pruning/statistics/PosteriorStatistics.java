package org.parsimony.pruning.statistics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.VariationalDenseParameters;
import org.parsimony.variational.network.VariationalMlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one object every pruning criterion reads: {@link LayerStatistics} for each dense layer of an MLP,
 * inputs first. Layers {@code 0 .. L-2} are hidden (their units can be pruned); the last layer's units are
 * the classes, so only its weights can be pruned (unstructured pruning).
 *
 * <p>Three sources: a variational posterior ({@link #fromVariational}), the pseudo bootstrap of a
 * deterministic network's training trajectory ({@link #fromPseudoBootstrap}), or a bare point estimate
 * ({@link #pointEstimate}, enough for magnitude and random criteria).
 */
public final class PosteriorStatistics {
    private final List<LayerStatistics> layers;

    /** @throws IllegalArgumentException if there are no layers or their shapes do not chain */
    public PosteriorStatistics(List<LayerStatistics> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("statistics need at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs() != layers.get(l - 1).units()) {
                throw new IllegalArgumentException("layer " + l + " has " + layers.get(l).inputs()
                        + " inputs but layer " + (l - 1) + " has " + layers.get(l - 1).units() + " units");
            }
        }
        this.layers = List.copyOf(layers);
    }

    /**
     * From a variational network: {@code mu} the weight means, {@code sigma = exp(log sigma^2 / 2)}, gate
     * probabilities {@code pi_j = theta_j} (the Bernoulli parameters, already in [0, 1]; 1 for the ungated
     * output layer). No history.
     */
    public static PosteriorStatistics fromVariational(VariationalMlp network) {
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalDenseParameters p = network.layer(l);
            INDArray sigma = Transforms.exp(p.weightLogVariance().castTo(DataType.DOUBLE).mul(0.5), false);
            double[] gates = p.gated() ? p.gate().castTo(DataType.DOUBLE).toDoubleVector() : null;
            layers.add(new LayerStatistics(p.weightMean(), sigma, gates, List.of()));
        }
        return new PosteriorStatistics(layers);
    }

    /**
     * From a deterministic network and the pseudo bootstrap of its recent training iterates: {@code mu} is
     * the network's weights (the values that would be kept or pruned), {@code sigma} the standard deviation
     * of each weight over the recorder's window, gates 1, history the window's iterates.
     *
     * @throws IllegalArgumentException if the recorder saw a network of other widths or fewer than 2 iterates
     */
    public static PosteriorStatistics fromPseudoBootstrap(DeterministicMlp network, PseudoBootstrapRecorder recorder) {
        if (recorder.size() < 2) {
            throw new IllegalArgumentException("the pseudo bootstrap needs at least 2 recorded updates, the recorder has "
                    + recorder.size());
        }
        if (!Arrays.equals(recorder.widths(), network.widths())) {
            throw new IllegalArgumentException("recorder saw widths " + Arrays.toString(recorder.widths())
                    + ", network has " + Arrays.toString(network.widths()));
        }
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            layers.add(new LayerStatistics(network.weight(l), recorder.standardDeviation(l), null, recorder.history(l)));
        }
        return new PosteriorStatistics(layers);
    }

    /** A deterministic network's weights as {@code mu}, without standard deviations, gates 1, no history. */
    public static PosteriorStatistics pointEstimate(DeterministicMlp network) {
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            layers.add(new LayerStatistics(network.weight(l), null, null, List.of()));
        }
        return new PosteriorStatistics(layers);
    }

    /** Number of dense layers {@code L}. */
    public int layerCount() {
        return layers.size();
    }

    /** Number of hidden layers {@code L - 1}, whose units can be pruned. */
    public int hiddenLayerCount() {
        return layers.size() - 1;
    }

    /** Layer {@code l}'s statistics. */
    public LayerStatistics layer(int l) {
        return layers.get(l);
    }

    /** Widths {@code n_0, ..., n_L}, inputs first. */
    public int[] widths() {
        int[] widths = new int[layers.size() + 1];
        widths[0] = layers.get(0).inputs();
        for (int l = 0; l < layers.size(); l++) {
            widths[l + 1] = layers.get(l).units();
        }
        return widths;
    }

    /** Whether every layer carries weight standard deviations. */
    public boolean hasStandardDeviations() {
        return layers.stream().allMatch(LayerStatistics::hasStandardDeviations);
    }

    /** The statistics of the network that {@link org.parsimony.pruning.surgery.UnitSurgery} leaves after {@code kept}. */
    public PosteriorStatistics keepUnits(KeptUnits kept) {
        kept.requireFits(widths());
        List<LayerStatistics> sliced = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            LayerStatistics layer = layers.get(l);
            if (l > 0) {
                layer = layer.keepInputs(kept.kept(l - 1));
            }
            if (l < layers.size() - 1) {
                layer = layer.keepUnits(kept.kept(l));
            }
            sliced.add(layer);
        }
        return new PosteriorStatistics(sliced);
    }
}
