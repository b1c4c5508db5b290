package org.parsimony.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Cuts units out of a DL4J network: a copy of its configuration (same layer types, activations, updaters,
 * regularisation, graph vertices) with smaller {@code nOut}/{@code nIn} and flatten sizes, holding the kept slices of
 * every parameter. The result starts with a fresh updater state and is ready for the user's own {@code fit}.
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
        cut(graph, kept, i -> conf.getConf(i).getLayer(), conf::getInputPreProcess, params);
        MultiLayerNetwork pruned = new MultiLayerNetwork(conf);
        pruned.init();
        setParameters(pruned.getLayers(), params);
        return pruned;
    }

    /** {@link #keep(MultiLayerNetwork, DependencyGraph, List)} for a {@code ComputationGraph}; layers are matched by name. */
    public static ComputationGraph keep(ComputationGraph network, DependencyGraph graph, List<long[]> kept) {
        checkKept(network, graph, kept);
        ComputationGraphConfiguration conf = network.getConfiguration().clone();
        org.deeplearning4j.nn.api.Layer[] layers = network.getLayers();
        String[] names = Arrays.stream(layers).map(l -> l.conf().getLayer().getLayerName()).toArray(String[]::new);
        IntFunction<LayerVertex> vertex = i -> (LayerVertex) conf.getVertices().get(names[i]);
        List<Map<String, INDArray>> params = parameters(network);
        cut(graph, kept, i -> vertex.apply(i).getLayerConf().getLayer(), i -> vertex.apply(i).getPreProcessor(), params);
        ComputationGraph pruned = new ComputationGraph(conf);
        pruned.init();
        org.deeplearning4j.nn.api.Layer[] byIndex = Arrays.stream(names).map(pruned::getLayer)
                .toArray(org.deeplearning4j.nn.api.Layer[]::new);
        setParameters(byIndex, params);
        return pruned;
    }

    /** Slices {@code params} and shrinks the configurations given by {@code confs} and {@code preprocessors}. */
    private static void cut(DependencyGraph graph, List<long[]> kept, IntFunction<Layer> confs,
                            IntFunction<InputPreProcessor> preprocessors, List<Map<String, INDArray>> params) {
        for (int g = 0; g < graph.size(); g++) {
            UnitGroup group = graph.group(g);
            long[] units = kept.get(g);
            for (int p : group.producers()) {
                cutOutputs(confs.apply(p), params.get(p), units);
            }
            for (int f : group.followers()) {
                cutOutputs(confs.apply(f), params.get(f), units);
            }
            for (GroupInput c : group.consumers()) {
                long[] rows = c.rowsFedBy(units, group.size());
                Layer layer = confs.apply(c.layer());
                LayerKind kind = LayerKind.of(layer);
                params.get(c.layer()).replaceAll((key, value) -> kind.keepInputs(key, value, rows));
                ((FeedForwardLayer) layer).setNIn(rows.length);
                if (preprocessors.apply(c.layer()) instanceof CnnToFeedForwardPreProcessor flatten) {
                    flatten.setNumChannels(units.length);
                }
            }
        }
    }

    /**
     * A copy of {@code network}, same sizes, in which every unit not in {@code kept} feeds nothing: its rows or input
     * channels in each consumer are zero. Its outputs are those of {@link #keep}'s network.
     */
    public static MultiLayerNetwork mask(MultiLayerNetwork network, DependencyGraph graph, List<long[]> kept) {
        checkKept(network, graph, kept);
        MultiLayerNetwork masked = network.clone();
        zeroRemoved(masked.getLayers(), graph, kept);
        return masked;
    }

    /** {@link #mask(MultiLayerNetwork, DependencyGraph, List)} for a {@code ComputationGraph}. */
    public static ComputationGraph mask(ComputationGraph network, DependencyGraph graph, List<long[]> kept) {
        checkKept(network, graph, kept);
        ComputationGraph masked = network.clone();
        zeroRemoved(masked.getLayers(), graph, kept);
        return masked;
    }

    private static void zeroRemoved(org.deeplearning4j.nn.api.Layer[] layers, DependencyGraph graph, List<long[]> kept) {
        for (int g = 0; g < graph.size(); g++) {
            UnitGroup group = graph.group(g);
            long[] removed = GroupInput.complement(kept.get(g), group.size());
            for (GroupInput c : group.consumers()) {
                long[] rows = c.rowsFedBy(removed, group.size());
                org.deeplearning4j.nn.api.Layer layer = layers[c.layer()];
                LayerKind kind = LayerKind.of(layer.conf().getLayer());
                layer.setParam("W", kind.zeroInputs("W", layer.getParam("W"), rows));
            }
        }
    }

    private static void cutOutputs(Layer layer, Map<String, INDArray> params, long[] units) {
        LayerKind kind = LayerKind.of(layer);
        params.replaceAll((key, value) -> kind.keepOutputs(key, value, units));
        kind.setOutputs(layer, units.length);
    }

    private static List<Map<String, INDArray>> parameters(Model network) {
        List<Map<String, INDArray>> params = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : DependencyGraph.layersOf(network)) {
            Map<String, INDArray> table = new LinkedHashMap<>();
            layer.paramTable().forEach((key, value) -> table.put(key, value.dup(value.ordering())));
            params.add(table);
        }
        return params;
    }

    private static void setParameters(org.deeplearning4j.nn.api.Layer[] layers, List<Map<String, INDArray>> params) {
        for (int i = 0; i < params.size(); i++) {
            for (Map.Entry<String, INDArray> e : params.get(i).entrySet()) {
                layers[i].setParam(e.getKey(), e.getValue().castTo(layers[i].getParam(e.getKey()).dataType()));
            }
        }
    }

    private static void checkKept(Model network, DependencyGraph graph, List<long[]> kept) {
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
