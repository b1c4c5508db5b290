package org.parsimony.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.statistics.LayerStatistics;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What our criteria read about a DL4J network, one {@link PosteriorStatistics} per {@link UnitGroup}: the group's
 * weights {@code [fanIn, n]} as the one hidden layer (so every registered criterion scores its units or filters
 * unchanged), followed by an all-zero {@code [n, 1]} readout that nothing scores. A group's layers do not chain into
 * one MLP-shaped statistics (a convolution's fan-in is {@code kH kW C_in}), hence one statistics per group.
 */
public final class GroupStatistics {
    private GroupStatistics() {
    }

    /** The weights of {@code network} (a {@code MultiLayerNetwork} or {@code ComputationGraph}) as means, without standard deviations: enough for magnitude and random scores. */
    public static List<PosteriorStatistics> pointEstimate(Model network, DependencyGraph graph) {
        graph.requireFits(network);
        List<PosteriorStatistics> all = new ArrayList<>();
        for (int g = 0; g < graph.size(); g++) {
            all.add(of(graph.weightColumns(network, g), null));
        }
        return all;
    }

    /**
     * The network's weights as means and the standard deviation of each weight over the listener's window as
     * {@code sigma}, for MU.
     *
     * @throws IllegalArgumentException if the listener recorded fewer than 2 iterations or other group shapes
     */
    public static List<PosteriorStatistics> fromPseudoBootstrap(Model network, PseudoBootstrapListener listener) {
        DependencyGraph graph = listener.graph();
        graph.requireFits(network);
        var recorder = listener.recorder();
        if (recorder.size() < 2) {
            throw new IllegalArgumentException("the pseudo bootstrap needs at least 2 recorded iterations, the listener saw "
                    + recorder.size() + "; fit with the listener attached first");
        }
        List<PosteriorStatistics> all = new ArrayList<>();
        for (int g = 0; g < graph.size(); g++) {
            INDArray mean = graph.weightColumns(network, g);
            if (!Arrays.equals(recorder.matrixShape(g), mean.shape())) {
                throw new IllegalArgumentException("the listener recorded group " + g + " as " + Arrays.toString(recorder.matrixShape(g))
                        + ", the network has " + Arrays.toString(mean.shape()));
            }
            all.add(of(mean, recorder.standardDeviation(g)));
        }
        return all;
    }

    /** Statistics of one group: its weights {@code [fanIn, n]} (and standard deviations, or null) and a zero readout. */
    public static PosteriorStatistics of(INDArray mean, INDArray sigma) {
        long units = mean.size(1);
        INDArray readout = Nd4j.zeros(DataType.DOUBLE, units, 1);
        return new PosteriorStatistics(List.of(new LayerStatistics(mean, sigma, null, List.of()),
                new LayerStatistics(readout, sigma == null ? null : readout, null, List.of())));
    }
}
