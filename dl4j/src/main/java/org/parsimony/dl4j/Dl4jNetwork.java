package org.parsimony.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's DL4J network with one input and one output, a {@code MultiLayerNetwork} or a {@code ComputationGraph}, seen
 * through what pruning it needs: its dependency graph and cuts, one minibatch of its own {@code fit} (its own
 * updater), its output for one input array, and the layers that read the input and write the output. One type, so
 * that feeding data, pruning and writing the file are written once for both DL4J classes.
 */
public sealed interface Dl4jNetwork {

    /**
     * {@code model} as a network to prune.
     *
     * @throws IllegalArgumentException for a {@code ComputationGraph} with several inputs or outputs, or another model
     */
    static Dl4jNetwork of(Model model) {
        if (model instanceof MultiLayerNetwork mln) {
            return new Layers(mln);
        }
        if (model instanceof ComputationGraph cg) {
            ComputationGraphConfiguration conf = cg.getConfiguration();
            int inputs = conf.getNetworkInputs().size();
            int outputs = conf.getNetworkOutputs().size();
            if (inputs != 1 || outputs != 1) {
                throw new IllegalArgumentException("a ComputationGraph with " + inputs + " input" + (inputs == 1 ? "" : "s")
                        + " and " + outputs + " output" + (outputs == 1 ? "" : "s") + "; only a graph with one input and one output can be pruned");
            }
            return new Graph(cg);
        }
        throw new IllegalArgumentException("not a DL4J MultiLayerNetwork or ComputationGraph: " + model.getClass().getSimpleName());
    }

    /** The DL4J model itself. */
    Model model();

    /** {@code MultiLayerNetwork} or {@code ComputationGraph}. */
    default String className() {
        return model().getClass().getSimpleName();
    }

    /** The prunable groups and their couplings. */
    DependencyGraph dependencyGraph();

    /** The network keeping units {@code kept} of each group ({@link Dl4jSurgery#keep}). */
    Dl4jNetwork keep(DependencyGraph graph, List<long[]> kept);

    /** A copy whose removed units feed nothing ({@link Dl4jSurgery#mask}). */
    Dl4jNetwork mask(DependencyGraph graph, List<long[]> kept);

    /** Minibatch updates the network has made so far (what DL4J's learning-rate schedules are evaluated at). */
    int iterationCount();

    /** The model's layers, in its own order (what {@link #learningRate} counts). */
    org.deeplearning4j.nn.api.Layer[] layers();

    /** Number of layers whose learning rates {@link #learningRate} reads (in the order of the model's layers). */
    default int layerCount() {
        return layers().length;
    }

    /**
     * Layer {@code layer}'s fixed learning rate, or {@code null} when it follows a schedule or has no parameters to
     * update (a pooling or activation layer).
     */
    Double learningRate(int layer);

    /** The configuration of layer {@code layer} (in the order of the model's layers). */
    default Layer layerConfiguration(int layer) {
        return layers()[layer].conf().getLayer();
    }

    /**
     * Makes layer {@code layer}'s learning rate follow {@code schedule}, or fixes it at {@code rate} when
     * {@code schedule} is null. The layer's updater configuration is changed in place: DL4J's updater reads its rate
     * from that object at every step, so its state (Adam's moments) is kept as it is. ({@code setLearningRate} of
     * DL4J's networks rebuilds the updater instead, which fails for a network with batch normalisation.)
     */
    default void learningRate(int layer, double rate, ISchedule schedule) {
        ((BaseLayer) layerConfiguration(layer)).getIUpdater().setLrAndSchedule(rate, schedule);
    }

    /** One update of DL4J's own {@code fit} on {@code batch}. */
    default void fit(DataSet batch) {
        ((NeuralNetwork) model()).fit(batch); // both DL4J network classes fit a minibatch through this interface
    }

    /** The network's output for {@code features} (inference mode). */
    INDArray output(INDArray features);

    /** Counts one more epoch in the network's configuration (DL4J's learning-rate schedules read it). */
    void incrementEpochCount();

    /** The listeners attached now. */
    List<TrainingListener> listeners();

    /** The network's parameter data type. */
    DataType dataType();

    /** The configuration of the layer reading the network input, or {@code null} if a vertex reads it first. */
    Layer inputLayer();

    /** The preprocessor in front of {@link #inputLayer()}, or {@code null}. */
    InputPreProcessor inputPreProcessor();

    /** The configuration of the output layer, or {@code null} if the output is a vertex's. */
    Layer outputLayer();

    /** Number of parameters. */
    default long numParams() {
        return model().numParams();
    }

    /** A {@code MultiLayerNetwork}. */
    record Layers(MultiLayerNetwork model) implements Dl4jNetwork {
        private MultiLayerConfiguration conf() {
            return model.getLayerWiseConfigurations();
        }

        @Override
        public DependencyGraph dependencyGraph() {
            return DependencyGraph.of(model);
        }

        @Override
        public Dl4jNetwork keep(DependencyGraph graph, List<long[]> kept) {
            return new Layers(Dl4jSurgery.keep(model, graph, kept));
        }

        @Override
        public Dl4jNetwork mask(DependencyGraph graph, List<long[]> kept) {
            return new Layers(Dl4jSurgery.mask(model, graph, kept));
        }

        @Override
        public int iterationCount() {
            return model.getIterationCount();
        }

        @Override
        public org.deeplearning4j.nn.api.Layer[] layers() {
            return model.getLayers();
        }

        @Override
        public Double learningRate(int layer) {
            return model.getLayer(layer).numParams() == 0 ? null : model.getLearningRate(layer);
        }

        @Override
        public INDArray output(INDArray features) {
            return model.output(features);
        }

        @Override
        public void incrementEpochCount() {
            model.incrementEpochCount();
        }

        @Override
        public List<TrainingListener> listeners() {
            return new ArrayList<>(model.getListeners());
        }

        @Override
        public DataType dataType() {
            return conf().getDataType();
        }

        @Override
        public Layer inputLayer() {
            return conf().getConf(0).getLayer();
        }

        @Override
        public InputPreProcessor inputPreProcessor() {
            return conf().getInputPreProcess(0);
        }

        @Override
        public Layer outputLayer() {
            return conf().getConf(conf().getConfs().size() - 1).getLayer();
        }
    }

    /** A {@code ComputationGraph} with one input and one output. */
    record Graph(ComputationGraph model) implements Dl4jNetwork {
        @Override
        public DependencyGraph dependencyGraph() {
            return DependencyGraph.of(model);
        }

        @Override
        public Dl4jNetwork keep(DependencyGraph graph, List<long[]> kept) {
            return new Graph(Dl4jSurgery.keep(model, graph, kept));
        }

        @Override
        public Dl4jNetwork mask(DependencyGraph graph, List<long[]> kept) {
            return new Graph(Dl4jSurgery.mask(model, graph, kept));
        }

        @Override
        public int iterationCount() {
            return model.getIterationCount();
        }

        @Override
        public org.deeplearning4j.nn.api.Layer[] layers() {
            return model.getLayers();
        }

        @Override
        public Double learningRate(int layer) {
            return model.getLayers()[layer].numParams() == 0 ? null
                    : model.getLearningRate(layerConfiguration(layer).getLayerName());
        }

        @Override
        public INDArray output(INDArray features) {
            return model.outputSingle(features);
        }

        @Override
        public void incrementEpochCount() {
            model.incrementEpochCount();
        }

        @Override
        public List<TrainingListener> listeners() {
            return new ArrayList<>(model.getListeners());
        }

        @Override
        public DataType dataType() {
            return model.getConfiguration().getDataType();
        }

        @Override
        public Layer inputLayer() {
            LayerVertex first = firstReader();
            return first == null ? null : first.getLayerConf().getLayer();
        }

        @Override
        public InputPreProcessor inputPreProcessor() {
            LayerVertex first = firstReader();
            return first == null ? null : first.getPreProcessor();
        }

        @Override
        public Layer outputLayer() {
            ComputationGraphConfiguration conf = model.getConfiguration();
            GraphVertex out = conf.getVertices().get(conf.getNetworkOutputs().get(0));
            return out instanceof LayerVertex layer ? layer.getLayerConf().getLayer() : null;
        }

        /** The first layer vertex (in the order they were added) that reads the network input, if only layers read it. */
        private LayerVertex firstReader() {
            ComputationGraphConfiguration conf = model.getConfiguration();
            String input = conf.getNetworkInputs().get(0);
            LayerVertex first = null;
            for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
                if (e.getValue().contains(input)) {
                    if (!(conf.getVertices().get(e.getKey()) instanceof LayerVertex layer)) {
                        return null;
                    }
                    first = first == null ? layer : first;
                }
            }
            return first;
        }
    }
}
