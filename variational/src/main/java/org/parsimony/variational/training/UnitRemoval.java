package org.parsimony.variational.training;

import org.parsimony.variational.graph.ElboGraph;
import org.parsimony.variational.network.ParameterKey;
import org.parsimony.variational.network.UnitSelection;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.optim.AdamOptimizer;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Removes units (filters) from a variational network while it trains, and decides every gate at the end of the
 * structure search (Guenter &amp; Sideris, arXiv 2205.04650): a unit whose {@code theta} stayed below {@code piMin} for
 * {@code patience} consecutive epochs is removed with its parameters and their Adam moments, and the inputs of the next
 * layer it fed; at the end units with {@code theta >= 1/2} are kept. A layer keeps at least
 * {@link ElboGraph#MIN_WIDTH} units (its strongest).
 */
final class UnitRemoval {
    /** Posterior variance of every weight during fine-tuning: small enough that the sampled network is the mean one. */
    static final double FINE_TUNE_VARIANCE = 1e-12;

    private final TrainerConfig config;

    /** Removal under {@code config}'s {@code piMin} and {@code patience}. */
    UnitRemoval(TrainerConfig config) {
        this.config = config;
    }

    /**
     * Ends the structure search: units with {@code theta < 1/2} are removed (a layer keeps its
     * {@link ElboGraph#MIN_WIDTH} strongest), the others get {@code theta = 1} exactly, and every weight's posterior
     * variance is set to {@link #FINE_TUNE_VARIANCE}, so the following epochs train the deterministic network
     * {@code toDeterministic()} returns (the posterior means) on the likelihood alone.
     */
    void decideGates(VariationalNetwork network, AdamOptimizer adam) {
        for (int l = 0; l < network.layerCount() - 1; l++) {
            if (!network.layer(l).gated()) {
                continue; // its channels follow the gate of the layer they are coupled with
            }
            float[] theta = network.layer(l).gate().toFloatVector();
            long[] kept = IntStream.range(0, theta.length).filter(j -> theta[j] >= 0.5).mapToLong(j -> j).toArray();
            if (kept.length < ElboGraph.MIN_WIDTH) {
                kept = strongest(theta, ElboGraph.MIN_WIDTH);
            }
            if (kept.length < theta.length) {
                keep(network, adam, l, kept);
            }
            network.layer(l).gate().assign(1.0);
        }
        for (int l = 0; l < network.layerCount(); l++) {
            network.layer(l).weightLogVariance().assign(Math.log(FINE_TUNE_VARIANCE));
        }
    }

    /** Indices of the {@code count} largest gate probabilities, in increasing index order. */
    private static long[] strongest(float[] theta, int count) {
        return IntStream.range(0, theta.length).boxed()
                .sorted((a, b) -> Float.compare(theta[b], theta[a]))
                .limit(count).mapToLong(j -> j).sorted().toArray();
    }

    /**
     * Keeps units (filters) {@code kept} of hidden layer {@code l} and of the layers coupled with it, slicing the
     * parameters and their Adam moments: the layers' outputs, and the inputs of the layers they fed (rows, input
     * channels, or flattened channel rows).
     */
    static void keep(VariationalNetwork network, AdamOptimizer adam, int l, long[] kept) {
        java.util.List<Integer> group = network.architecture().dependencies().coupled(l);
        java.util.SortedMap<Integer, long[]> consumerInputs = network.keepUnits(l, kept);
        for (ParameterKey key : adam.keys()) {
            if (group.contains(key.layer())) {
                adam.keep(key, a -> UnitSelection.units(a, kept));
            } else if (consumerInputs.containsKey(key.layer()) && key.kind().hasInputs()) {
                adam.keep(key, a -> UnitSelection.inputs(a, consumerInputs.get(key.layer())));
            }
        }
    }

    /** Removes units whose gate stayed below {@code piMin} for {@code patience} epochs; true if any were. */
    boolean removeClosedUnits(VariationalNetwork network, AdamOptimizer adam, int[][] epochsBelow) {
        boolean removed = false;
        for (int l = 0; l < epochsBelow.length; l++) {
            if (!network.layer(l).gated()) {
                // its channels follow the gate of the layer they are coupled with, which comes first
                epochsBelow[l] = epochsBelow[network.architecture().dependencies().gateHolder(l)].clone();
                continue;
            }
            float[] theta = network.layer(l).gate().toFloatVector();
            int[] below = epochsBelow[l];
            for (int j = 0; j < theta.length; j++) {
                below[j] = theta[j] < config.piMin() ? below[j] + 1 : 0;
            }
            long[] kept = IntStream.range(0, theta.length).filter(j -> below[j] < config.patience())
                    .mapToLong(j -> j).toArray();
            if (kept.length == theta.length) {
                continue;
            }
            if (kept.length < ElboGraph.MIN_WIDTH) {
                kept = strongest(theta, ElboGraph.MIN_WIDTH);
                if (kept.length == theta.length) {
                    continue;
                }
            }
            keep(network, adam, l, kept);
            epochsBelow[l] = Arrays.stream(kept).mapToInt(j -> below[(int) j]).toArray();
            removed = true;
        }
        return removed;
    }
}
