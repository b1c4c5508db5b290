package org.parsimony.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.parsimony.pruning.statistics.PseudoBootstrapRecorder;

/**
 * A DL4J {@code TrainingListener} that records MU's pseudo bootstrap during the user's own {@code fit} of a {@code MultiLayerNetwork} or {@code ComputationGraph}: after every
 * iteration (parameter update) it hands the weight groups of the {@link DependencyGraph} to a
 * {@link PseudoBootstrapRecorder}, whose window of the last {@code K} iterates gives each weight's standard deviation
 * (Ko, Oehmcke &amp; Gieseke, IEEE Big Data 2019). Add it with {@code network.addListeners(listener)} before the last
 * epoch, then score with {@link GroupStatistics#fromPseudoBootstrap}.
 */
public final class PseudoBootstrapListener extends BaseTrainingListener {
    private final DependencyGraph graph;
    private final PseudoBootstrapRecorder recorder;

    /** Records the groups of {@code graph} over a window of {@code window} iterations. */
    public PseudoBootstrapListener(DependencyGraph graph, int window) {
        this.graph = graph;
        this.recorder = new PseudoBootstrapRecorder(window);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        recorder.record(graph.weightColumns(model));
    }

    /** The graph whose groups are recorded. */
    public DependencyGraph graph() {
        return graph;
    }

    /** The recorder; its layer {@code g} is group {@code g}. */
    public PseudoBootstrapRecorder recorder() {
        return recorder;
    }
}
