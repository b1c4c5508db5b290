package org.parsimony.pruning.statistics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.LayerDependencies;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one object every pruning criterion reads: {@link LayerStatistics} for each weight layer, inputs first.
 * Layers {@code 0 .. L-2} are hidden (their units can be pruned); the last layer's units are the classes, so only
 * its weights can be pruned (unstructured pruning). A convolution's statistics are its kernel reshaped to
 * {@code [kH kW C_in, C_out]}, so column {@code j} is filter {@code j}'s weight group {@code W[:, :, :, j]} and every
 * column-wise criterion scores filters unchanged.
 *
 * <p>Three sources: a variational posterior ({@link #fromVariational}), the pseudo bootstrap of a
 * deterministic network's training trajectory ({@link #fromPseudoBootstrap}), or a bare point estimate
 * ({@link #pointEstimate}, enough for magnitude and random criteria).
 */
public final class PosteriorStatistics {
    private final List<LayerStatistics> layers;
    private final Architecture architecture;

    /** Statistics of an MLP's dense layers. @throws IllegalArgumentException if there are no layers or their shapes do not chain */
    public PosteriorStatistics(List<LayerStatistics> layers) {
        this(layers, null);
    }

    /**
     * @param architecture the layer structure (its widths those of the layers), or {@code null} for an MLP whose layers
     *                     chain
     * @throws IllegalArgumentException if there are no layers or their shapes do not fit
     */
    private PosteriorStatistics(List<LayerStatistics> layers, Architecture architecture) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("statistics need at least one layer");
        }
        for (int l = 0; l < layers.size(); l++) {
            LayerStatistics layer = layers.get(l);
            if (architecture != null && (layer.inputs() != architecture.fanIn(l)
                    || layer.units() != architecture.layer(l).units())) {
                throw new IllegalArgumentException("layer " + l + " has " + layer.inputs() + " x " + layer.units()
                        + " weights, the architecture " + architecture.fanIn(l) + " x " + architecture.layer(l).units());
            }
            if (architecture == null && l > 0 && layer.inputs() != layers.get(l - 1).units()) {
                throw new IllegalArgumentException("layer " + l + " has " + layer.inputs()
                        + " inputs but layer " + (l - 1) + " has " + layers.get(l - 1).units() + " units");
            }
        }
        this.layers = List.copyOf(layers);
        this.architecture = architecture;
    }

    /**
     * From a variational network, MLP or conv net: {@code mu} the weight means, {@code sigma = exp(log sigma^2 / 2)},
     * as {@code [fanIn, units]} columns (a filter's kernel {@code W[:, :, :, j]} row-major), gate probabilities
     * {@code pi_j = theta_j} (the Bernoulli parameters, already in [0, 1]; a residual stream's layers all take the
     * stream's gates; 1 for the ungated output layer). No history.
     */
    public static PosteriorStatistics fromVariational(VariationalNetwork network) {
        List<LayerStatistics> layers = new ArrayList<>();
        LayerDependencies dependencies = network.architecture().dependencies();
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            VariationalLayer holder = network.layer(dependencies.gateHolder(l));
            INDArray sigma = Transforms.exp(p.weightLogVarianceColumns().castTo(DataType.DOUBLE).mul(0.5), false);
            double[] gates = holder.gated() ? holder.gate().castTo(DataType.DOUBLE).toDoubleVector() : null;
            layers.add(new LayerStatistics(p.weightMeanColumns(), sigma, gates, List.of()));
        }
        return new PosteriorStatistics(layers, network.architecture());
    }

    /**
     * From a deterministic network and the pseudo bootstrap of its recent training iterates: {@code mu} is
     * the network's weights (the values that would be kept or pruned), {@code sigma} the standard deviation
     * of each weight over the recorder's window, gates 1, history the window's iterates.
     *
     * @throws IllegalArgumentException if the recorder saw a network of other widths or fewer than 2 iterates
     */
    public static PosteriorStatistics fromPseudoBootstrap(DeterministicNetwork network, PseudoBootstrapRecorder recorder) {
        if (recorder.size() < 2) {
            throw new IllegalArgumentException("the pseudo bootstrap needs at least 2 recorded updates, the recorder has "
                    + recorder.size());
        }
        Architecture architecture = network.architecture();
        boolean fits = recorder.layerCount() == network.layerCount();
        for (int l = 0; fits && l < network.layerCount(); l++) {
            fits = Arrays.equals(recorder.matrixShape(l), new long[] {architecture.fanIn(l), architecture.layer(l).units()});
        }
        if (!fits) {
            throw new IllegalArgumentException("recorder saw other weight shapes than the network's, widths "
                    + Arrays.toString(network.widths()));
        }
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            INDArray mean = weightColumns(network, l);
            INDArray sigma = recorder.standardDeviation(l);
            List<INDArray> history = recorder.history(l);
            layers.add(new LayerStatistics(mean, sigma, null, history));
            LayerStatistics.closeAll(mean, sigma, history);
        }
        return new PosteriorStatistics(layers, architecture);
    }

    /** A deterministic network's weights as {@code mu}, without standard deviations, gates 1, no history. */
    public static PosteriorStatistics pointEstimate(DeterministicNetwork network) {
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            INDArray mean = weightColumns(network, l);
            layers.add(new LayerStatistics(mean, null, null, List.of()));
            mean.close();
        }
        return new PosteriorStatistics(layers, network.architecture());
    }

    /** Layer {@code l}'s weights as {@code [fanIn, units]}: a kernel's column {@code j} is {@code W[:, :, :, j]} row-major. */
    private static INDArray weightColumns(DeterministicNetwork network, int l) {
        INDArray w = network.weight(l);
        return w.rank() == 2 ? w : w.reshape('c', w.size(0) * w.size(1) * w.size(2), w.size(3));
    }

    /** Number of weight layers {@code L}. */
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

    /** Widths {@code n_0, ..., n_L}, inputs first (a conv net's input features, as its {@code widths()}). */
    public int[] widths() {
        if (architecture != null) {
            return architecture.widths();
        }
        int[] widths = new int[layers.size() + 1];
        widths[0] = layers.get(0).inputs();
        for (int l = 0; l < layers.size(); l++) {
            widths[l + 1] = layers.get(l).units();
        }
        return widths;
    }

    /** Frees the native memory of every layer's arrays now ({@link LayerStatistics#close}); do not use them afterwards. */
    public void close() {
        layers.forEach(LayerStatistics::close);
    }

    /** Whether {@link #close} freed these statistics' arrays. */
    public boolean isClosed() {
        return layers.get(0).isClosed();
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
            int source = architecture == null ? l - 1 : l - architecture.layer(l).wiring().source();
            if (source >= 0) {
                layer = layer.keepInputs(rowsFedBy(source, l, kept.kept(source)));
            }
            if (l < layers.size() - 1) {
                layer = layer.keepUnits(kept.kept(l));
            }
            sliced.add(layer);
        }
        if (architecture == null) {
            return new PosteriorStatistics(sliced);
        }
        int[] units = Arrays.copyOfRange(kept.widthsAfter(widths()), 1, layers.size());
        return new PosteriorStatistics(sliced, architecture.withGatedUnits(units));
    }

    /**
     * Rows of layer {@code consumer}'s {@code [fanIn, units]} matrix fed by units {@code kept} of layer {@code l}, the
     * layer it reads ({@link LayerDependencies#weightRowsFedBy}); the same indices for a chain of dense layers without an
     * architecture.
     */
    private long[] rowsFedBy(int l, int consumer, long[] kept) {
        return architecture == null ? kept : architecture.dependencies().weightRowsFedBy(l, consumer, kept);
    }
}
