package org.parsimony.variational.training;

import org.parsimony.variational.graph.LayerPrior;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.optim.AdamOptimizer;

import java.util.List;

/** The mutable state of a run between epochs: what a checkpoint stores. */
final class RunState {
    final VariationalNetwork network;
    final AdamOptimizer adam;
    List<LayerPrior> layerPriors;
    final int[][] epochsBelow;
    final List<EpochReport> history;
    final Architecture initialArchitecture;
    final int firstEpoch;

    RunState(VariationalNetwork network, AdamOptimizer adam, List<LayerPrior> layerPriors, int[][] epochsBelow,
             List<EpochReport> history, Architecture initialArchitecture, int firstEpoch) {
        this.network = network;
        this.adam = adam;
        this.layerPriors = layerPriors;
        this.epochsBelow = epochsBelow;
        this.history = history;
        this.initialArchitecture = initialArchitecture;
        this.firstEpoch = firstEpoch;
    }
}
