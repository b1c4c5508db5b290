package org.parsimony.dl4j.samediff;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.parsimony.dl4j.GroupStatistics;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.policy.UnitRatioPolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Structured pruning of a SameDiff graph (built by hand or imported from ONNX / TensorFlow): the units of its dense
 * layers and the filters of its convolutions. A weight variable read by a {@code mmul} ({@code W [n_in, n]}) or a
 * {@code conv2d} (any of SameDiff's three weight layouts) produces a group of {@code n} units; the group's value is
 * followed through a bias add or the convolution's own bias, a {@code batchnorm} over the unit axis (its mean,
 * variance, gamma and beta shrink with the units), element-wise activations and 2-D max/average pooling, to the
 * weight that reads it: the next {@code mmul}'s rows, the next {@code conv2d}'s input channels, or, after a
 * {@code reshape} that flattens feature maps, the next {@code mmul}'s rows in blocks of {@code h w} per filter
 * (channels first) or interleaved with stride {@code n} (channels last). This is the dependency-graph idea of
 * Torch-Pruning (Fang et al. 2023, <i>DepGraph: Towards Any Structural Pruning</i>) restricted to chains. The last
 * weight (the output layer) is not pruned. Any other use of a unit's value (a concatenation, a reduction, a second
 * reader, a residual add) could mix units, so the graph is refused with a message naming the op.
 */
public final class SameDiffPruner {
    private static final Set<String> ELEMENT_WISE = Set.of("relu", "relu6", "tanh", "sigmoid", "elu", "leakyrelu",
            "softplus", "swish", "gelu", "selu", "identity", "hardtanh", "hard_sigmoid");
    private static final Set<String> BIAS_ADD = Set.of("add", "biasadd");
    private static final Set<String> POOLING = Set.of("maxpool2d", "avgpool2d");
    private static final Set<String> FLATTEN = Set.of("reshape", "flatten_2d");
    /** Position of {@code isNHWC} and of the weight layout among a {@code conv2d}'s integer arguments. */
    private static final int CONV_NHWC = 9;
    private static final int CONV_WEIGHTS_FORMAT = 10;

    /**
     * One axis of one variable that shrinks with a group's units. Unit {@code u} owns the indices
     * {@code u b .. u b + b - 1} along {@code axis} ({@code b = block}), or, when {@code interleaved}, the indices
     * {@code p n + u} for {@code p < block} (a channels-last feature map flattened: {@code n} is the group's size).
     */
    public record Cut(String variable, int axis, int block, boolean interleaved) {
        static Cut of(String variable, int axis) {
            return new Cut(variable, axis, 1, false);
        }
    }

    /**
     * A group of units: the weight that produces them, their number, every cut that removes one of them (the first
     * is the producing weight's output axis, the last the axis of the weight that reads them), and the op that flattens
     * them for that weight, if any, whose target shape shrinks too.
     */
    public record UnitGroup(String weight, int size, List<Cut> cuts, String flatten) {
        public UnitGroup {
            cuts = List.copyOf(cuts);
        }

        /** A group whose units reach their reader without a flattening. */
        public UnitGroup(String weight, int size, List<Cut> cuts) {
            this(weight, size, cuts, null);
        }

        /** The weight that reads the units. */
        public String consumer() {
            return cuts.get(cuts.size() - 1).variable();
        }
    }

    private SameDiffPruner() {
    }

    /**
     * The prunable groups of {@code sd}, in graph order.
     *
     * @throws IllegalArgumentException naming the op that makes a weight's units unsafe to prune
     */
    public static List<UnitGroup> groups(SameDiff sd) {
        List<SameDiffOp> producers = new ArrayList<>();
        for (SameDiffOp op : sd.getOps().values()) {
            String name = op.getOp().opName();
            if ((isMatMul(name) || name.equals("conv2d")) && readsWeight(sd, op)) {
                producers.add(op);
            }
        }
        List<UnitGroup> groups = new ArrayList<>();
        for (int k = 0; k < producers.size() - 1; k++) {
            groups.add(follow(sd, producers.get(k)));
        }
        return groups;
    }

    private static UnitGroup follow(SameDiff sd, SameDiffOp producer) {
        String weight = producer.getInputsToOp().get(1);
        INDArray w = sd.getArrForVarName(weight);
        List<Cut> cuts = new ArrayList<>();
        boolean conv = producer.getOp().opName().equals("conv2d");
        boolean channelsLast = conv && intArg(producer, CONV_NHWC) == 1;
        int outAxis = conv ? (intArg(producer, CONV_WEIGHTS_FORMAT) == 0 ? 3 : 0) : 1;
        int size = Math.toIntExact(w.size(outAxis));
        int unitAxis = conv ? (channelsLast ? 3 : 1) : 1;
        cuts.add(Cut.of(weight, outAxis));
        if (conv && producer.getInputsToOp().size() > 2) {
            cuts.add(vectorCut(sd, producer.getInputsToOp().get(2), size, weight, producer));
        }
        String value = producer.getOutputsOfOp().get(0);
        SameDiffOp next = onlyReader(sd, value, weight);
        while (true) {
            String kind = next.getOp().opName();
            List<String> in = next.getInputsToOp();
            if (BIAS_ADD.contains(kind) && in.size() == 2) {
                String other = in.get(0).equals(value) ? in.get(1) : in.get(0);
                cuts.add(vectorCut(sd, other, size, weight, next));
            } else if (kind.equals("batchnorm")) {
                long[] args = ((DynamicCustomOp) next.getOp()).iArgs();
                int lastAxis = conv ? 3 : 1;
                int[] axes = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Math::toIntExact).toArray()
                        : new int[]{lastAxis}; // no axis given: the last one
                if (!in.get(0).equals(value) || axes.length != 1 || axes[0] != unitAxis) {
                    throw refuse(weight, next, "normalises over axes " + Arrays.toString(axes) + ", not the unit axis " + unitAxis);
                }
                for (String parameter : in.subList(1, in.size())) {
                    cuts.add(vectorCut(sd, parameter, size, weight, next));
                }
            } else if (ELEMENT_WISE.contains(kind) || (conv && POOLING.contains(kind))) {
                // keeps each unit's values apart
            } else if (isMatMul(kind) && in.get(0).equals(value) && readsWeight(sd, next)) {
                cuts.add(Cut.of(in.get(1), 0));
                break;
            } else if (kind.equals("conv2d") && conv && in.get(0).equals(value) && readsWeight(sd, next)) {
                int format = intArg(next, CONV_WEIGHTS_FORMAT);
                cuts.add(Cut.of(in.get(1), format == 0 ? 2 : format == 1 ? 1 : 3));
                break;
            } else if (FLATTEN.contains(kind) && conv) {
                String flat = next.getOutputsOfOp().get(0);
                SameDiffOp dense = onlyReader(sd, flat, weight);
                List<String> denseIn = dense.getInputsToOp();
                if (!isMatMul(dense.getOp().opName()) || !denseIn.get(0).equals(flat) || !readsWeight(sd, dense)) {
                    throw refuse(weight, dense, "follows the flattening " + next.getName() + " but is not a matmul with a weight");
                }
                long rows = sd.getArrForVarName(denseIn.get(1)).size(0);
                if (rows % size != 0) {
                    throw refuse(weight, dense, "reads " + rows + " flattened features, not a multiple of the " + size + " filters");
                }
                cuts.add(new Cut(denseIn.get(1), 0, Math.toIntExact(rows / size), channelsLast));
                return new UnitGroup(weight, size, cuts, next.getName());
            } else {
                throw refuse(weight, next, "is not a bias add, batchnorm over the units, element-wise activation, "
                        + (conv ? "pooling, flattening, conv2d or " : "") + "matmul reading them");
            }
            value = next.getOutputsOfOp().get(0);
            next = onlyReader(sd, value, weight);
        }
        return new UnitGroup(weight, size, cuts);
    }

    private static Cut vectorCut(SameDiff sd, String name, int size, String weight, SameDiffOp op) {
        INDArray v = sd.getArrForVarName(name);
        VariableType type = sd.getVariable(name).getVariableType();
        if (v == null || (type != VariableType.VARIABLE && type != VariableType.CONSTANT) || v.length() != size) {
            throw refuse(weight, op, "combines them with '" + name + "', not a vector of " + size + " values");
        }
        int axis = 0;
        for (int d = 0; d < v.rank(); d++) {
            if (v.size(d) == size) {
                axis = d;
            }
        }
        return Cut.of(name, axis);
    }

    private static boolean isMatMul(String name) {
        return name.equals("mmul") || name.equals("matmul");
    }

    private static boolean readsWeight(SameDiff sd, SameDiffOp op) {
        List<String> in = op.getInputsToOp();
        return in.size() >= 2 && sd.getVariable(in.get(1)).getVariableType() == VariableType.VARIABLE;
    }

    private static int intArg(SameDiffOp op, int index) {
        long[] args = ((DynamicCustomOp) op.getOp()).iArgs();
        return index < args.length ? Math.toIntExact(args[index]) : 0;
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

    /**
     * Which units of each group to keep: {@code max(1, n - round(r n))}, highest scores first ({@link UnitRatioPolicy}),
     * each unit scored from its incoming weights (a filter's {@code k_h k_w c_in} weights).
     */
    public static List<long[]> select(SameDiff sd, List<UnitGroup> groups, PruningCriterion criterion, double ratio) {
        List<long[]> kept = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            UnitGroup group = groups.get(g);
            PruningCriterion scoring = criterion instanceof RandomCriterion random ? new RandomCriterion(random.seed() + g) : criterion;
            kept.add(new UnitRatioPolicy(scoring, ratio, RatioScope.LAYER_WISE)
                    .select(GroupStatistics.of(incomingWeights(sd, group), null)).kept(0));
        }
        return kept;
    }

    /** The producing weight as {@code [fan-in, n]}: the unit axis moved last, the others flattened. */
    private static INDArray incomingWeights(SameDiff sd, UnitGroup group) {
        INDArray w = sd.getArrForVarName(group.weight()).castTo(DataType.DOUBLE);
        int axis = group.cuts().get(0).axis();
        int[] order = new int[w.rank()];
        for (int d = 0, k = 0; d < w.rank(); d++) {
            if (d != axis) {
                order[k++] = d;
            }
        }
        order[w.rank() - 1] = axis;
        return w.permute(order).dup('c').reshape('c', w.length() / group.size(), group.size());
    }

    /** A copy of {@code sd} keeping units {@code kept.get(g)} of each group: every cut made smaller. */
    public static SameDiff keep(SameDiff sd, List<UnitGroup> groups, List<long[]> kept) {
        SameDiff pruned = sd.dup();
        for (int g = 0; g < groups.size(); g++) {
            UnitGroup group = groups.get(g);
            for (Cut cut : group.cuts()) {
                INDArray value = pruned.getArrForVarName(cut.variable());
                set(pruned, cut.variable(), value.get(along(value.rank(), cut.axis(), NDArrayIndex.indices(indices(cut, group.size(), kept.get(g))))));
            }
            if (group.flatten() != null) {
                Cut reader = group.cuts().get(group.cuts().size() - 1);
                FlattenShape.shrink(pruned, group.flatten(), (long) group.size() * reader.block(),
                        (long) kept.get(g).length * reader.block());
            }
        }
        return pruned;
    }

    /**
     * A copy of {@code sd} of the same size whose removed units feed nothing (the weight reading them is zero there):
     * what {@link #keep} must compute exactly, up to rounding.
     */
    public static SameDiff mask(SameDiff sd, List<UnitGroup> groups, List<long[]> kept) {
        SameDiff masked = sd.dup();
        for (int g = 0; g < groups.size(); g++) {
            UnitGroup group = groups.get(g);
            Cut consumer = group.cuts().get(group.cuts().size() - 1);
            long[] keptUnits = kept.get(g);
            long[] removed = LongStream.range(0, group.size()).filter(u -> Arrays.binarySearch(keptUnits, u) < 0).toArray();
            if (removed.length == 0) {
                continue;
            }
            INDArray value = masked.getArrForVarName(consumer.variable()).dup();
            for (long index : indices(consumer, group.size(), removed)) {
                value.get(along(value.rank(), consumer.axis(), NDArrayIndex.point(index))).assign(0);
            }
            masked.setArrayForVariable(consumer.variable(), value);
        }
        return masked;
    }

    private static long[] indices(Cut cut, int size, long[] units) {
        long[] out = new long[units.length * cut.block()];
        int k = 0;
        if (cut.interleaved()) {
            for (int p = 0; p < cut.block(); p++) {
                for (long u : units) {
                    out[k++] = (long) p * size + u;
                }
            }
        } else {
            for (long u : units) {
                for (int p = 0; p < cut.block(); p++) {
                    out[k++] = u * cut.block() + p;
                }
            }
        }
        return out;
    }

    /** {@code at} along {@code axis}, everything along the other axes of a rank-{@code rank} array. */
    private static INDArrayIndex[] along(int rank, int axis, INDArrayIndex at) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        for (int d = 0; d < rank; d++) {
            index[d] = d == axis ? at : NDArrayIndex.all();
        }
        return index;
    }

    private static void set(SameDiff sd, String name, INDArray value) {
        INDArray copy = value.dup('c');
        sd.getVariable(name).setShape(copy.shape());
        sd.setArrayForVariable(name, copy);
    }
}
