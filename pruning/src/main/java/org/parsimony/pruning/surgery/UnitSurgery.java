package org.parsimony.pruning.surgery;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.UnitSelection;

import java.util.ArrayList;
import java.util.List;

/**
 * Structured pruning surgery: physically removes hidden units from a {@link DeterministicMlp}.
 * Removing unit {@code j} of hidden layer {@code l} deletes column {@code j} of {@code W_l} and entry
 * {@code j} of {@code b_l} (what the unit computes) and row {@code j} of {@code W_{l+1}} (where its output
 * goes). The result is a smaller dense network whose {@link DeterministicMlp#complexity()} gives the exact
 * parameter and multiply-add counts; a kernel for dense layers runs it faster, unlike a weight mask.
 *
 * <p>Removing a unit changes the outputs unless its output is always 0 (incoming weights and bias 0, so
 * {@code relu(0) = 0}) or its outgoing row of {@code W_{l+1}} is 0; in those cases surgery is exact.
 */
public final class UnitSurgery {
    private UnitSurgery() {
    }

    /**
     * The network with only the {@code kept} hidden units.
     *
     * @throws IllegalArgumentException if {@code kept} does not fit the network's widths
     */
    public static DeterministicMlp apply(DeterministicMlp network, KeptUnits kept) {
        kept.requireFits(network.widths());
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            INDArray w = network.weight(l);
            INDArray b = network.bias(l).reshape(1, network.bias(l).length());
            if (l > 0) {
                w = UnitSelection.rows(w, kept.kept(l - 1));
            }
            if (l < network.layerCount() - 1) {
                w = UnitSelection.columns(w, kept.kept(l));
                b = UnitSelection.columns(b, kept.kept(l));
            }
            weights.add(w);
            biases.add(b.reshape(b.length()));
        }
        return new DeterministicMlp(weights, biases);
    }
}
