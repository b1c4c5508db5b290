package org.parsimony.pruning.surgery;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed 0/1 mask over the weights and biases of an MLP: entry 1 keeps the parameter, 0 forces it to 0.
 * It expresses unstructured pruning (individual weights, {@link #forWeights}) and, during fine-tuning without
 * surgery, structured pruning ({@link #forUnits}: a pruned unit's incoming column, bias and outgoing row).
 *
 * <p>Masking does not make a network smaller or faster: the arrays stay dense. Use {@link SparsityReport}
 * for the honest counts, and {@link UnitSurgery} for a network that is actually smaller.
 */
public final class WeightMask {
    private final List<INDArray> weightKeep;
    private final List<INDArray> biasKeep;

    /**
     * @param weightKeep per layer a {@code [n_{l-1}, n_l]} array of 0s and 1s
     * @param biasKeep   per layer {@code n_l} 0s and 1s (any shape with that many entries)
     * @throws IllegalArgumentException if the shapes do not chain or an entry is neither 0 nor 1
     */
    public WeightMask(List<INDArray> weightKeep, List<INDArray> biasKeep) {
        if (weightKeep.isEmpty() || weightKeep.size() != biasKeep.size()) {
            throw new IllegalArgumentException("need one bias mask per weight mask and at least one layer, got "
                    + weightKeep.size() + " and " + biasKeep.size());
        }
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < weightKeep.size(); l++) {
            INDArray wl = weightKeep.get(l);
            INDArray bl = biasKeep.get(l);
            if (wl.rank() != 2) {
                throw new IllegalArgumentException("weight mask " + l + " must be a matrix, shape " + Arrays.toString(wl.shape()));
            }
            if (l > 0 && wl.size(0) != weightKeep.get(l - 1).size(1)) {
                throw new IllegalArgumentException("weight mask " + l + " has " + wl.size(0) + " rows but layer "
                        + (l - 1) + " has " + weightKeep.get(l - 1).size(1) + " units");
            }
            if (bl.length() != wl.size(1)) {
                throw new IllegalArgumentException("bias mask " + l + " has " + bl.length() + " entries, layer has "
                        + wl.size(1) + " units");
            }
            requireBinary(wl, "weight mask " + l);
            requireBinary(bl, "bias mask " + l);
            w.add(wl.castTo(DataType.FLOAT).dup());
            b.add(bl.castTo(DataType.FLOAT).reshape(1, bl.length()).dup());
        }
        this.weightKeep = List.copyOf(w);
        this.biasKeep = List.copyOf(b);
    }

    private static void requireBinary(INDArray a, String what) {
        if (a.neq(0).castTo(DataType.INT).mul(a.neq(1).castTo(DataType.INT)).any()) {
            throw new IllegalArgumentException(what + " must hold only 0 and 1");
        }
    }

    /** The mask that keeps everything, for widths {@code n_0, ..., n_L}. */
    public static WeightMask dense(int[] widths) {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            w.add(Nd4j.ones(DataType.FLOAT, widths[l - 1], widths[l]));
            b.add(Nd4j.ones(DataType.FLOAT, 1, widths[l]));
        }
        return new WeightMask(w, b);
    }

    /**
     * Masks every hidden unit not in {@code kept}: its incoming weight column and bias (so its output is
     * {@code relu(0) = 0}) and its outgoing row in the next layer.
     */
    public static WeightMask forUnits(int[] widths, KeptUnits kept) {
        kept.requireFits(widths);
        WeightMask mask = dense(widths);
        for (int l = 0; l < kept.hiddenLayerCount(); l++) {
            boolean[] keep = new boolean[widths[l + 1]];
            for (long j : kept.kept(l)) {
                keep[(int) j] = true;
            }
            for (int j = 0; j < keep.length; j++) {
                if (!keep[j]) {
                    mask.weightKeep.get(l).getColumn(j).assign(0);
                    mask.biasKeep.get(l).putScalar(0, j, 0);
                    mask.weightKeep.get(l + 1).getRow(j).assign(0);
                }
            }
        }
        return mask;
    }

    /** Unstructured mask: {@code keep} per layer over the weights; every bias kept. */
    public static WeightMask forWeights(List<INDArray> keep) {
        List<INDArray> b = new ArrayList<>();
        for (INDArray k : keep) {
            b.add(Nd4j.ones(DataType.FLOAT, 1, k.rank() == 2 ? k.size(1) : 1));
        }
        return new WeightMask(keep, b);
    }

    /** Number of layers. */
    public int layerCount() {
        return weightKeep.size();
    }

    /** Widths {@code n_0, ..., n_L} the mask is for. */
    public int[] widths() {
        int[] widths = new int[weightKeep.size() + 1];
        widths[0] = (int) weightKeep.get(0).size(0);
        for (int l = 0; l < weightKeep.size(); l++) {
            widths[l + 1] = (int) weightKeep.get(l).size(1);
        }
        return widths;
    }

    /** A copy of layer {@code l}'s weight mask, {@code [n_{l-1}, n_l]}, {@code float}. */
    public INDArray weightKeep(int l) {
        return weightKeep.get(l).dup();
    }

    /** A copy of layer {@code l}'s bias mask, {@code [1, n_l]}, {@code float}. */
    public INDArray biasKeep(int l) {
        return biasKeep.get(l).dup();
    }

    /** Number of weights the mask keeps. */
    public long keptWeights() {
        return weightKeep.stream().mapToLong(m -> m.sumNumber().longValue()).sum();
    }

    /** Number of weights the mask covers. */
    public long totalWeights() {
        return weightKeep.stream().mapToLong(INDArray::length).sum();
    }

    /** The network with every masked weight and bias set to 0 (same shapes). */
    public DeterministicMlp apply(DeterministicMlp network) {
        requireFits(network.widths());
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            w.add(network.weight(l).muli(weightKeep.get(l)));
            b.add(network.bias(l).muli(biasKeep.get(l).reshape(biasKeep.get(l).length())));
        }
        return new DeterministicMlp(w, b);
    }

    /**
     * The weights this mask and {@code other} treat differently (kept by one, masked by the other).
     *
     * @throws IllegalArgumentException if the masks are for other widths
     */
    public long differingWeights(WeightMask other) {
        other.requireFits(widths());
        long count = 0;
        for (int l = 0; l < weightKeep.size(); l++) {
            INDArray differ = weightKeep.get(l).neq(other.weightKeep.get(l));
            count += differ.castTo(DataType.LONG).sumNumber().longValue();
            differ.close();
        }
        return count;
    }

    /**
     * @throws IllegalArgumentException unless the network widths equal the mask's
     */
    public void requireFits(int[] widths) {
        if (!Arrays.equals(widths, widths())) {
            throw new IllegalArgumentException("mask is for widths " + Arrays.toString(widths())
                    + ", network has " + Arrays.toString(widths));
        }
    }
}
