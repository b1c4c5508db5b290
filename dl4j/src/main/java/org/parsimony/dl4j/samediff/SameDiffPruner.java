package org.parsimony.dl4j.samediff;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.parsimony.dl4j.GroupStatistics;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.policy.UnitRatioPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Structured pruning of the dense layers of a SameDiff graph (built by hand or imported from ONNX / TensorFlow): a
 * weight variable {@code W [n_in, n]} read by a {@code mmul}, optionally followed by a bias add of a variable
 * {@code b [n]} and element-wise activations, whose result is read by the next {@code mmul} through its weight
 * variable {@code W' [n, m]}, is a group of {@code n} units: column {@code j} of {@code W}, entry {@code j} of
 * {@code b} and row {@code j} of {@code W'} go together. The last such weight (the output layer) is not pruned. Any
 * other use of a unit's value (a reshape, a concatenation, a reduction, a convolution, a second reader) could mix
 * units, so the graph is refused with a message naming the op.
 */
public final class SameDiffPruner {
    private static final Set<String> ELEMENT_WISE = Set.of("relu", "relu6", "tanh", "sigmoid", "elu", "leakyrelu",
            "softplus", "swish", "gelu", "selu", "identity", "hardtanh", "hard_sigmoid");
    private static final Set<String> BIAS_ADD = Set.of("add", "biasadd");

    /**
     * A group: the weight and bias variables whose columns/entries are the units, and the next weight whose rows they feed.
     *
     * @param weight   {@code W}, {@code [n_in, n]}
     * @param bias     {@code b}, {@code [n]}, or {@code null}
     * @param consumer {@code W'}, {@code [n, m]}
     * @param size     {@code n}
     */
    public record DenseGroup(String weight, String bias, String consumer, int size) {
    }

    private SameDiffPruner() {
    }

    /**
     * The dense groups of {@code sd}, in graph order.
     *
     * @throws IllegalArgumentException naming the op that makes a weight's units unsafe to prune
     */
    public static List<DenseGroup> groups(SameDiff sd) {
        List<String> weights = new ArrayList<>();
        for (SameDiffOp op : sd.getOps().values()) {
            String name = op.getOp().opName();
            if (name.equals("conv2d") || name.equals("batchnorm")) {
                throw new IllegalArgumentException("op '" + op.getName() + "' (" + name + "): this version prunes the dense "
                        + "layers (mmul, bias add, element-wise activations) of a SameDiff graph only");
            }
            if (name.equals("mmul") || name.equals("matmul")) {
                List<String> in = op.getInputsToOp();
                if (in.size() == 2 && sd.getVariable(in.get(1)).getVariableType() == VariableType.VARIABLE) {
                    weights.add(in.get(1));
                }
            }
        }
        List<DenseGroup> groups = new ArrayList<>();
        for (int k = 0; k < weights.size() - 1; k++) {
            groups.add(follow(sd, weights.get(k)));
        }
        return groups;
    }

    private static DenseGroup follow(SameDiff sd, String weight) {
        String value = weight;
        SameDiffOp op = onlyReader(sd, weight, weight);
        int size = Math.toIntExact(sd.getArrForVarName(weight).size(1));
        value = op.getOutputsOfOp().get(0);
        String bias = null;
        SameDiffOp next = onlyReader(sd, value, weight);
        String kind = next.getOp().opName();
        if (BIAS_ADD.contains(kind)) {
            String other = next.getInputsToOp().get(0).equals(value) ? next.getInputsToOp().get(1) : next.getInputsToOp().get(0);
            if (sd.getVariable(other).getVariableType() != VariableType.VARIABLE || sd.getArrForVarName(other).length() != size) {
                throw refuse(weight, next, "adds something other than a bias vector of " + size);
            }
            bias = other;
            value = next.getOutputsOfOp().get(0);
            next = onlyReader(sd, value, weight);
            kind = next.getOp().opName();
        }
        while (ELEMENT_WISE.contains(kind)) {
            value = next.getOutputsOfOp().get(0);
            next = onlyReader(sd, value, weight);
            kind = next.getOp().opName();
        }
        if ((kind.equals("mmul") || kind.equals("matmul")) && next.getInputsToOp().get(0).equals(value)
                && sd.getVariable(next.getInputsToOp().get(1)).getVariableType() == VariableType.VARIABLE) {
            return new DenseGroup(weight, bias, next.getInputsToOp().get(1), size);
        }
        throw refuse(weight, next, "is not a matmul, bias add or element-wise activation");
    }

    private static SameDiffOp onlyReader(SameDiff sd, String value, String weight) {
        Variable v = sd.getVariables().get(value);
        List<String> readers = v.getInputsForOp() == null ? List.of() : v.getInputsForOp();
        if (readers.size() != 1) {
            throw new IllegalArgumentException("cannot prune the units of '" + weight + "': '" + value + "' is read by "
                    + (readers.isEmpty() ? "no op" : readers.size() + " ops " + readers) + ", not by exactly one");
        }
        return sd.getOps().get(readers.get(0));
    }

    private static IllegalArgumentException refuse(String weight, SameDiffOp op, String why) {
        return new IllegalArgumentException("cannot prune the units of '" + weight + "': they reach op '" + op.getName()
                + "' (" + op.getOp().opName() + "), which " + why);
    }

    /** Which units of each group to keep: {@code max(1, n - round(r n))}, highest scores first ({@link UnitRatioPolicy}). */
    public static List<long[]> select(SameDiff sd, List<DenseGroup> groups, PruningCriterion criterion, double ratio) {
        List<long[]> kept = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            INDArray w = sd.getArrForVarName(groups.get(g).weight()).castTo(DataType.DOUBLE);
            PruningCriterion scoring = criterion instanceof RandomCriterion random ? new RandomCriterion(random.seed() + g) : criterion;
            kept.add(new UnitRatioPolicy(scoring, ratio, RatioScope.LAYER_WISE).select(GroupStatistics.of(w, null)).kept(0));
        }
        return kept;
    }

    /** A copy of {@code sd} keeping units {@code kept.get(g)} of each group: smaller {@code W}, {@code b} and {@code W'}. */
    public static SameDiff keep(SameDiff sd, List<DenseGroup> groups, List<long[]> kept) {
        SameDiff pruned = sd.dup();
        for (int g = 0; g < groups.size(); g++) {
            DenseGroup group = groups.get(g);
            long[] units = kept.get(g);
            set(pruned, group.weight(), pruned.getArrForVarName(group.weight()).get(NDArrayIndex.all(), NDArrayIndex.indices(units)));
            if (group.bias() != null) {
                INDArray b = pruned.getArrForVarName(group.bias());
                INDArray flat = b.reshape(b.length()).get(NDArrayIndex.indices(units));
                long[] shape = b.shape().clone();
                shape[shape.length - 1] = units.length;
                set(pruned, group.bias(), flat.reshape(shape));
            }
            set(pruned, group.consumer(), pruned.getArrForVarName(group.consumer()).get(NDArrayIndex.indices(units), NDArrayIndex.all()));
        }
        return pruned;
    }

    private static void set(SameDiff sd, String name, INDArray value) {
        INDArray copy = value.dup('c');
        sd.getVariable(name).setShape(copy.shape());
        sd.setArrayForVariable(name, copy);
    }
}
