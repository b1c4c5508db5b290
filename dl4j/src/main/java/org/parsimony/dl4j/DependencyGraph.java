package org.parsimony.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The prunable {@link UnitGroup}s of a DL4J {@code MultiLayerNetwork} and how removing a unit changes its neighbours
 * (the dependency graph of Torch-Pruning, Fang et al., "DepGraph: Towards Any Structural Pruning", CVPR 2023). Every
 * dense layer's units and every convolution's filters form a group, except the output layer's (the classes) and a group
 * whose path to the next weighted layer crosses a layer or input preprocessor not understood here (see
 * {@link LayerKind}); such groups are left alone and listed by {@link #skipped()}.
 */
public final class DependencyGraph {
    private final List<UnitGroup> groups;
    private final List<String> skipped;
    private final int layerCount;

    private DependencyGraph(List<UnitGroup> groups, List<String> skipped, int layerCount) {
        this.groups = List.copyOf(groups);
        this.skipped = List.copyOf(skipped);
        this.layerCount = layerCount;
    }

    /** The groups of {@code network}'s configuration. */
    public static DependencyGraph of(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        int n = conf.getConfs().size();
        List<UnitGroup> groups = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Layer layer = layer(conf, i);
            LayerKind kind = LayerKind.of(layer);
            if (kind == null || !kind.produces(layer)) {
                continue;
            }
            int size = Math.toIntExact(((FeedForwardLayer) layer).getNOut());
            List<Integer> followers = new ArrayList<>();
            GroupInput consumer = null;
            String reason = null;
            for (int j = i + 1; j < n && consumer == null && reason == null; j++) {
                Layer next = layer(conf, j);
                LayerKind nextKind = LayerKind.of(next);
                InputPreProcessor pre = conf.getInputPreProcess(j);
                if (nextKind == null) {
                    reason = "it feeds layer " + j + " (" + next.getClass().getSimpleName() + "), whose effect on units is not known";
                } else if (nextKind.consumes()) {
                    if (pre == null) {
                        consumer = GroupInput.direct(j);
                    } else if (pre instanceof CnnToFeedForwardPreProcessor flatten && flatten.getNumChannels() == size) {
                        consumer = new GroupInput(j, flatten.getInputHeight() * flatten.getInputWidth(),
                                flatten.getFormat() == CNN2DFormat.NHWC);
                    } else {
                        reason = "layer " + j + " reads it through a " + pre.getClass().getSimpleName();
                    }
                } else if (pre != null) {
                    reason = "layer " + j + " reads it through a " + pre.getClass().getSimpleName();
                } else if (nextKind == LayerKind.BATCH_NORM) {
                    followers.add(j);
                }
            }
            if (consumer == null && reason == null) {
                reason = "no weighted layer reads it";
            }
            if (reason != null) {
                skipped.add("layer " + i + " (" + layer.getClass().getSimpleName() + ") is left alone: " + reason);
            } else {
                groups.add(new UnitGroup(size, List.of(i), followers, List.of(consumer)));
            }
        }
        return new DependencyGraph(groups, skipped, n);
    }

    /**
     * The groups of a {@code ComputationGraph}: as for a {@code MultiLayerNetwork}, plus the couplings of element-wise
     * vertices (a residual {@code add}): all layers whose units meet in one are one group, pruned together, and the
     * consumers after the vertex read the group. A group whose units reach a merge (concatenation) or other vertex, a
     * network output, or an element-wise vertex also fed by the network input is left alone. Layer indices are
     * positions in {@code getLayers()}.
     */
    public static DependencyGraph of(ComputationGraph network) {
        return new GraphCouplings(network).graph();
    }

    /** A graph of the given groups (built by {@link GraphCouplings}). */
    static DependencyGraph of(List<UnitGroup> groups, List<String> skipped, int layerCount) {
        return new DependencyGraph(groups, skipped, layerCount);
    }

    private static Layer layer(MultiLayerConfiguration conf, int i) {
        return conf.getConf(i).getLayer();
    }

    /** The prunable groups, in layer order. */
    public List<UnitGroup> groups() {
        return groups;
    }

    /** Group {@code g}. */
    public UnitGroup group(int g) {
        return groups.get(g);
    }

    /** Number of groups. */
    public int size() {
        return groups.size();
    }

    /** Why each group that is not prunable was left alone. */
    public List<String> skipped() {
        return skipped;
    }

    /** Number of layers of the network described. */
    public int layerCount() {
        return layerCount;
    }

    /** The groups' sizes, in order. */
    public int[] widths() {
        return groups.stream().mapToInt(UnitGroup::size).toArray();
    }

    /**
     * Group {@code g}'s weights in {@code network} (a {@code MultiLayerNetwork} or {@code ComputationGraph}) as a
     * {@code double} {@code [fanIn, size]} matrix, column {@code j} unit {@code j}'s incoming weights of every producer,
     * stacked: the weight group a criterion scores.
     */
    public INDArray weightColumns(Model network, int g) {
        org.deeplearning4j.nn.api.Layer[] layers = layersOf(network);
        List<INDArray> parts = new ArrayList<>();
        for (int p : groups.get(g).producers()) {
            Layer conf = layers[p].conf().getLayer();
            parts.add(LayerKind.of(conf).weightColumns(layers[p].getParam("W")));
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.vstack(parts.toArray(INDArray[]::new));
    }

    /** {@link #weightColumns} of every group. */
    public List<INDArray> weightColumns(Model network) {
        List<INDArray> all = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            all.add(weightColumns(network, g));
        }
        return all;
    }

    /** The layers of a {@code MultiLayerNetwork} or {@code ComputationGraph}, in the order group indices refer to. */
    static org.deeplearning4j.nn.api.Layer[] layersOf(Model network) {
        if (network instanceof MultiLayerNetwork mln) {
            return mln.getLayers();
        }
        if (network instanceof ComputationGraph cg) {
            return cg.getLayers();
        }
        throw new IllegalArgumentException("not a DL4J MultiLayerNetwork or ComputationGraph: " + network.getClass().getSimpleName());
    }

    /**
     * @throws IllegalArgumentException if {@code network} has other layers or group sizes than the one this graph
     *                                  was built from
     */
    void requireFits(Model network) {
        DependencyGraph other = network instanceof ComputationGraph cg ? of(cg) : of((MultiLayerNetwork) network);
        if (other.layerCount != layerCount || !java.util.Arrays.equals(other.widths(), widths())) {
            throw new IllegalArgumentException("the network has group sizes " + java.util.Arrays.toString(other.widths())
                    + ", this dependency graph " + java.util.Arrays.toString(widths()));
        }
    }
}
