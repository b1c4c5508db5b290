package org.parsimony.variational.training;

import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;

/**
 * The contract every trainer of the library meets (after Tribuo's {@code Trainer}): it initialises a network of an
 * {@link Architecture} from its own seed, and trains a network on a data set, reporting to one kind of
 * {@link TrainingListener}. The variational trainer, the deterministic (hand-written backprop) trainer and the SameDiff
 * likelihood trainer implement it, so a caller can swap them; each keeps its richer methods besides.
 *
 * @param <N> the networks it trains
 * @param <R> what a run returns: the trained network, or a result that holds it with its history
 */
public interface Trainer<N, R> {
    /**
     * A fresh network of {@code architecture} (inputs, hidden layers, classes), initialised from the trainer's seed.
     *
     * @throws IllegalArgumentException if this trainer cannot train that architecture
     */
    N initialize(Architecture architecture);

    /**
     * Trains {@code network} on {@code data}.
     *
     * @param listener told about epochs and steps as {@link TrainingListener} describes, or {@code null}
     * @throws IllegalArgumentException if the data do not fit the network
     */
    R train(N network, LabeledData data, TrainingListener listener);
}
