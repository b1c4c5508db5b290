package org.parsimony.pruning.surgery;

import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.LayerDependencies;

import java.util.ArrayList;
import java.util.List;

/**
 * Pruning decisions for channels that additions couple ({@link LayerDependencies#coupled}): the layers writing one
 * residual stream must keep the same channels, or the sum would mix channels that were different. Following DepGraph
 * (Fang et al. 2023, <i>DepGraph: Towards Any Structural Pruning</i>, group-level importance), a channel of a coupled
 * group is scored by the mean of its members' scores, so every member ranks the group's channels alike, and the group
 * keeps the channels its first layer keeps. In a chain every group is a single layer and nothing changes.
 */
public final class CoupledChannels {
    private CoupledChannels() {
    }

    /**
     * Per hidden layer the scores of its group: {@code s_j = mean over coupled layers m of s_{m, j}}; the input itself
     * when no layer is coupled with another.
     *
     * @param scores one array per hidden layer of {@code architecture}, one score per unit
     * @throws IllegalArgumentException if coupled layers have different widths
     */
    public static List<double[]> groupScores(Architecture architecture, List<double[]> scores) {
        if (!architecture.isResidual()) {
            return scores;
        }
        LayerDependencies graph = architecture.dependencies();
        List<double[]> grouped = new ArrayList<>(scores);
        for (int l = 0; l < scores.size(); l++) {
            List<Integer> group = graph.coupled(l);
            if (group.size() == 1) {
                continue;
            }
            double[] mean = new double[scores.get(l).length];
            for (int m : group) {
                double[] member = scores.get(m);
                if (member.length != mean.length) {
                    throw new IllegalArgumentException("coupled layers " + group + " have different widths");
                }
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += member[j] / group.size();
                }
            }
            grouped.set(l, mean);
        }
        return grouped;
    }

    /** {@code kept} with every coupled layer keeping what the first layer of its group keeps. */
    public static KeptUnits unified(Architecture architecture, KeptUnits kept) {
        if (!architecture.isResidual()) {
            return kept;
        }
        LayerDependencies graph = architecture.dependencies();
        List<long[]> units = new ArrayList<>();
        for (int l = 0; l < kept.hiddenLayerCount(); l++) {
            units.add(kept.kept(graph.gateHolder(l)));
        }
        return new KeptUnits(units);
    }
}
