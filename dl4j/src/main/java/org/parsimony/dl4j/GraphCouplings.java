package org.parsimony.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@code ComputationGraph}'s {@link DependencyGraph}: walks forward from each producer's vertex through
 * batch normalisations, pass-through layers and element-wise vertices to the weighted layers that read its units, and
 * joins producers whose units meet in an element-wise vertex (union-find), since that vertex adds unit {@code j} of each
 * input to unit {@code j} of the others.
 */
final class GraphCouplings {
    private final ComputationGraphConfiguration conf;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, List<String>> readers = new HashMap<>();
    private final int layerCount;

    GraphCouplings(ComputationGraph network) {
        this.conf = network.getConfiguration();
        org.deeplearning4j.nn.api.Layer[] layers = network.getLayers();
        for (int i = 0; i < layers.length; i++) {
            index.put(layers[i].conf().getLayer().getLayerName(), i);
        }
        this.layerCount = layers.length;
        conf.getVertexInputs().forEach((vertex, inputs) -> inputs.forEach(
                in -> readers.computeIfAbsent(in, k -> new ArrayList<>()).add(vertex)));
    }

    /** What one producer's units reach. */
    private static final class Reach {
        final Set<Integer> followers = new TreeSet<>();
        final Map<Integer, GroupInput> consumers = new LinkedHashMap<>();
        final Set<String> elementWise = new LinkedHashSet<>();
        String failure;
    }

    DependencyGraph graph() {
        List<String> producers = new ArrayList<>();
        Map<String, Reach> reach = new LinkedHashMap<>();
        for (String name : conf.getVertices().keySet()) {
            Layer layer = layerOf(name);
            LayerKind kind = layer == null ? null : LayerKind.of(layer);
            if (kind != null && kind.produces(layer)) {
                producers.add(name);
                Reach r = new Reach();
                walk(name, (int) ((FeedForwardLayer) layer).getNOut(), r);
                reach.put(name, r);
            }
        }
        producers.sort((a, b) -> Integer.compare(index.get(a), index.get(b)));
        // union-find over producers meeting in an element-wise vertex
        Map<String, String> parent = new HashMap<>();
        producers.forEach(p -> parent.put(p, p));
        Map<String, String> vertexFailure = new HashMap<>();
        for (String p : producers) {
            for (String vertex : reach.get(p).elementWise) {
                Set<String> feeding = new LinkedHashSet<>();
                String failure = feeders(vertex, feeding);
                if (failure != null) {
                    vertexFailure.put(p, failure);
                }
                for (String q : feeding) {
                    union(parent, p, q);
                }
            }
        }
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (String p : producers) {
            sets.computeIfAbsent(find(parent, p), k -> new ArrayList<>()).add(p);
        }
        List<UnitGroup> groups = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (List<String> members : sets.values()) {
            String failure = null;
            Set<Integer> followers = new TreeSet<>();
            Map<Integer, GroupInput> consumers = new LinkedHashMap<>();
            Set<Long> sizes = new TreeSet<>();
            for (String p : members) {
                Reach r = reach.get(p);
                failure = failure != null ? failure : r.failure != null ? r.failure : vertexFailure.get(p);
                followers.addAll(r.followers);
                consumers.putAll(r.consumers);
                sizes.add(((FeedForwardLayer) layerOf(p)).getNOut());
            }
            if (failure == null && sizes.size() > 1) {
                failure = "its coupled layers have different widths " + sizes;
            }
            if (failure == null && consumers.isEmpty()) {
                failure = "no weighted layer reads it";
            }
            if (failure != null) {
                skipped.add("layers " + members + " are left alone: " + failure);
            } else {
                List<Integer> producerIndices = members.stream().map(index::get).sorted().toList();
                groups.add(new UnitGroup(sizes.iterator().next().intValue(), producerIndices, new ArrayList<>(followers),
                        new ArrayList<>(consumers.values())));
            }
        }
        groups.sort((a, b) -> Integer.compare(a.producers().get(0), b.producers().get(0)));
        return DependencyGraph.of(groups, skipped, layerCount);
    }

    /** Follows the units of {@code vertex} (of {@code size}) to the weighted layers that read them. */
    private void walk(String vertex, long size, Reach r) {
        for (String next : readers.getOrDefault(vertex, List.of())) {
            if (r.failure != null) {
                return;
            }
            GraphVertex v = conf.getVertices().get(next);
            if (v instanceof ElementWiseVertex) {
                if (r.elementWise.add(next)) {
                    if (conf.getNetworkOutputs().contains(next)) {
                        r.failure = "element-wise vertex " + next + " is a network output";
                        return;
                    }
                    walk(next, size, r);
                }
                continue;
            }
            if (!(v instanceof LayerVertex lv)) {
                r.failure = "it reaches vertex " + next + " (" + v.getClass().getSimpleName() + "), whose effect on units is not known";
                return;
            }
            Layer layer = lv.getLayerConf().getLayer();
            LayerKind kind = LayerKind.of(layer);
            InputPreProcessor pre = lv.getPreProcessor();
            int i = index.get(next);
            if (kind == null) {
                r.failure = "it reaches layer " + next + " (" + layer.getClass().getSimpleName() + "), whose effect on units is not known";
            } else if (kind.consumes()) {
                if (pre == null) {
                    r.consumers.put(i, GroupInput.direct(i));
                } else if (pre instanceof CnnToFeedForwardPreProcessor flatten && flatten.getNumChannels() == size) {
                    r.consumers.put(i, new GroupInput(i, flatten.getInputHeight() * flatten.getInputWidth(),
                            flatten.getFormat() == CNN2DFormat.NHWC));
                } else {
                    r.failure = "layer " + next + " reads it through a " + pre.getClass().getSimpleName();
                }
            } else if (pre != null) {
                r.failure = "layer " + next + " reads it through a " + pre.getClass().getSimpleName();
            } else {
                if (kind == LayerKind.BATCH_NORM) {
                    r.followers.add(i);
                }
                walk(next, size, r);
            }
        }
    }

    /**
     * The producers whose units flow into element-wise vertex {@code vertex} (back through pass-through layers, batch
     * normalisations and other element-wise vertices), or why they cannot all be found (a network input, another vertex).
     */
    private String feeders(String vertex, Set<String> found) {
        for (String in : conf.getVertexInputs().get(vertex)) {
            GraphVertex v = conf.getVertices().get(in);
            if (v == null) {
                return "element-wise vertex " + vertex + " adds the network input " + in;
            }
            if (v instanceof ElementWiseVertex) {
                String failure = feeders(in, found);
                if (failure != null) {
                    return failure;
                }
                continue;
            }
            Layer layer = layerOf(in);
            LayerKind kind = layer == null ? null : LayerKind.of(layer);
            if (kind != null && kind.produces(layer)) {
                found.add(in);
            } else if (kind == LayerKind.BATCH_NORM || kind == LayerKind.PASS_THROUGH) {
                String failure = feeders(in, found);
                if (failure != null) {
                    return failure;
                }
            } else {
                return "element-wise vertex " + vertex + " adds the output of " + in + ", which is not a prunable layer";
            }
        }
        return null;
    }

    private Layer layerOf(String vertex) {
        return conf.getVertices().get(vertex) instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
    }

    private static String find(Map<String, String> parent, String p) {
        while (!parent.get(p).equals(p)) {
            p = parent.get(p);
        }
        return p;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.put(find(parent, a), find(parent, b));
    }
}
