package org.parsimony.dl4j;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts units out of a DL4J {@code MultiLayerNetwork}: a copy of its configuration (same layer types, activations,
 * updaters, regularisation) with smaller {@code nOut}/{@code nIn} and flatten sizes, holding the kept slices of every
 * parameter. The result starts with a fresh updater state and is ready for the user's own {@code fit}.
 *
 * <p>Removing a unit removes everything it feeds, so the cut network computes exactly what the original computes when
 * the removed units' outgoing weights (their rows or input channels in each consumer) are zero, {@link #mask}.
 */
public final class Dl4jSurgery {
    private Dl4jSurgery() {
    }

    /**
     * The network keeping, for each group {@code g} of {@code graph}, the sorted units {@code kept.get(g)}.
     *
     * @throws IllegalArgumentException if {@code kept} does not fit the graph or the network
     */
    public static MultiLayerNetwork keep(MultiLayerNetwork network, DependencyGraph graph, List<long[]> kept) {
        checkKept(network, graph, kept);
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations().clone();
        List<Map<String, INDArray>> params = parameters(network);
        for (int g = 0; g < graph.size(); g++) {
            UnitGroup group = graph.group(g);
            long[] units = kept.get(g);
            for (int p : group.producers()) {
                cutOutputs(conf, params, p, units);
            }
            for (int f : group.followers()) {
                cutOutputs(conf, params, f, units);
            }
            for (GroupInput c : group.consumers()) {
                long[] rows = c.rowsFedBy(units, group.size());
                Layer layer = layer(conf, c.layer());
                LayerKind kind = LayerKind.of(layer);
                params.get(c.layer()).replaceAll((key, value) -> kind.keepInputs(key, value, rows));
                ((FeedForwardLayer) layer).setNIn(rows.length);
                InputPreProcessor pre = conf.getInputPreProcess(c.layer());
                if (pre instanceof CnnToFeedForwardPreProcessor flatten) {
                    flatten.setNumChannels(units.length);
                }
            }
        }
        MultiLayerNetwork pruned = new MultiLayerNetwork(conf);
        pruned.init();
        for (int i = 0; i < params.size(); i++) {
            for (Map.Entry<String, INDArray> e : params.get(i).entrySet()) {
                pruned.getLayer(i).setParam(e.getKey(), e.getValue().castTo(pruned.getLayer(i).getParam(e.getKey()).dataType()));
            }
        }
        return pruned;
    }

    /**
     * A copy of {@code network}, same sizes, in which every unit not in {@code kept} feeds nothing: its rows or input
     * channels in each consumer are zero. Its outputs are those of {@link #keep}'s network.
     */
    public static MultiLayerNetwork mask(MultiLayerNetwork network, DependencyGraph graph, List<long[]> kept) {
        checkKept(network, graph, kept);
        MultiLayerNetwork masked = network.clone();
        for (int g = 0; g < graph.size(); g++) {
            UnitGroup group = graph.group(g);
            long[] removed = GroupInput.complement(kept.get(g), group.size());
            for (GroupInput c : group.consumers()) {
                long[] rows = c.rowsFedBy(removed, group.size());
                LayerKind kind = LayerKind.of(layer(masked.getLayerWiseConfigurations(), c.layer()));
                INDArray w = masked.getLayer(c.layer()).getParam("W");
                masked.getLayer(c.layer()).setParam("W", kind.zeroInputs("W", w, rows));
            }
        }
        return masked;
    }

    private static void cutOutputs(MultiLayerConfiguration conf, List<Map<String, INDArray>> params, int i, long[] units) {
        Layer layer = layer(conf, i);
        LayerKind kind = LayerKind.of(layer);
        params.get(i).replaceAll((key, value) -> kind.keepOutputs(key, value, units));
        kind.setOutputs(layer, units.length);
    }

    private static List<Map<String, INDArray>> parameters(MultiLayerNetwork network) {
        List<Map<String, INDArray>> params = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            Map<String, INDArray> table = new LinkedHashMap<>();
            network.getLayer(i).paramTable().forEach((key, value) -> table.put(key, value.dup(value.ordering())));
            params.add(table);
        }
        return params;
    }

    private static Layer layer(MultiLayerConfiguration conf, int i) {
        return conf.getConf(i).getLayer();
    }

    private static void checkKept(MultiLayerNetwork network, DependencyGraph graph, List<long[]> kept) {
        graph.requireFits(network);
        if (kept.size() != graph.size()) {
            throw new IllegalArgumentException("need kept units for each of the " + graph.size() + " groups, got " + kept.size());
        }
        for (int g = 0; g < kept.size(); g++) {
            long[] units = kept.get(g);
            int size = graph.group(g).size();
            if (units.length == 0) {
                throw new IllegalArgumentException("group " + g + " (" + graph.group(g).describe() + ") must keep at least one unit");
            }
            for (int k = 0; k < units.length; k++) {
                if (units[k] < 0 || units[k] >= size || (k > 0 && units[k] <= units[k - 1])) {
                    throw new IllegalArgumentException("group " + g + ": kept units must be sorted, distinct and in 0.."
                            + (size - 1) + ", got " + Arrays.toString(units));
                }
            }
        }
    }
}
