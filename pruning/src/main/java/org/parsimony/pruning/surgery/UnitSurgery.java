package org.parsimony.pruning.surgery;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.LayerDependencies;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.UnitSelection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Structured pruning surgery: physically removes hidden units or filters from a {@link DeterministicNetwork}.
 * Removing unit {@code j} of hidden layer {@code l} deletes what it computes (column {@code j} of a dense
 * {@code W_l}, or output channel {@code j} of a kernel, and entry {@code j} of {@code b_l}) and where its output goes
 * (the inputs of each layer reading it that {@link LayerDependencies#inputsFedBy} names: row {@code j} of a dense {@code W_{l+1}},
 * input channel {@code j} of the next kernel, or the {@code H W} rows of channel {@code j} in the dense layer after the
 * flatten). The result is a smaller network whose {@code complexity()} gives the exact parameter and multiply-add
 * counts; a dense kernel runs it faster, unlike a weight mask.
 *
 * <p>Removing a unit changes the outputs unless its output is always 0 (incoming weights and bias 0, so
 * {@code relu(0) = 0}) or its outgoing weights are 0; in those cases surgery is exact.
 */
public final class UnitSurgery {
    private UnitSurgery() {
    }

    /**
     * The MLP with only the {@code kept} hidden units.
     *
     * @throws IllegalArgumentException if {@code kept} does not fit the network's widths
     */
    public static DeterministicMlp apply(DeterministicMlp network, KeptUnits kept) {
        return (DeterministicMlp) apply((DeterministicNetwork) network, kept);
    }

    /**
     * The network (dense or convolutional) with only the {@code kept} hidden units or filters.
     *
     * @throws IllegalArgumentException if {@code kept} does not fit the network's widths
     */
    public static DeterministicNetwork apply(DeterministicNetwork network, KeptUnits kept) {
        int[] widthsAfter = kept.widthsAfter(network.widths());
        Architecture architecture = network.architecture();
        LayerDependencies dependencies = architecture.dependencies();
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        // the copies and selections made here; the new network copies what it keeps, so all are freed at the end
        List<INDArray> made = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            weights.add(made(made, network.weight(l)));
            biases.add(made(made, network.bias(l)).reshape(1, network.bias(l).length()));
        }
        for (int l = 0; l < kept.hiddenLayerCount(); l++) {
            long[] units = kept.kept(l);
            weights.set(l, made(made, UnitSelection.units(weights.get(l), units)));
            biases.set(l, made(made, UnitSelection.columns(biases.get(l), units)));
            for (int consumer : dependencies.consumers(l)) {
                weights.set(consumer, made(made, UnitSelection.inputs(weights.get(consumer),
                        dependencies.inputsFedBy(l, consumer, units))));
            }
        }
        biases.replaceAll(b -> b.reshape(b.length()));
        DeterministicNetwork pruned = DeterministicNetwork.of(architecture.withGatedUnits(Arrays.copyOfRange(widthsAfter,
                1, widthsAfter.length - 1)), weights, biases);
        made.forEach(INDArray::close);
        return pruned;
    }

    private static INDArray made(List<INDArray> made, INDArray array) {
        made.add(array);
        return array;
    }
}
