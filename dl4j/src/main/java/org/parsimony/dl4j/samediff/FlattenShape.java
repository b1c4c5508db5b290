package org.parsimony.dl4j.samediff;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

import java.lang.reflect.Field;
import java.util.List;

/**
 * The target shape of a {@code reshape} that flattens pruned feature maps, made to match the fewer features: SameDiff
 * keeps that shape either as the op's integer arguments ({@code [order, d1, d2, ...]}) or as a constant shape input, and
 * a flattened width written there (rather than {@code -1}) must shrink with the filters.
 */
final class FlattenShape {
    private FlattenShape() {
    }

    /** Replaces the flattened width {@code from} by {@code to} in op {@code opName}'s target shape (nothing if it is -1). */
    static void shrink(SameDiff sd, String opName, long from, long to) {
        SameDiffOp op = sd.getOps().get(opName);
        List<String> in = op.getInputsToOp();
        if (in.size() > 1) {
            String shape = in.get(1);
            if (sd.getVariable(shape).getVariableType() != VariableType.CONSTANT) {
                throw new IllegalArgumentException("cannot prune before '" + opName + "': its shape '" + shape
                        + "' is computed in the graph, not a constant");
            }
            INDArray dims = sd.getArrForVarName(shape).dup();
            for (long d = 0; d < dims.length(); d++) {
                if (dims.getLong(d) == from) {
                    dims.putScalar(d, to);
                }
            }
            sd.setArrayForVariable(shape, dims);
            return;
        }
        List<Long> args = integerArguments((DynamicCustomOp) op.getOp());
        for (int i = 1; i < args.size(); i++) { // args.get(0) is the memory order
            if (args.get(i) == from) {
                args.set(i, to);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Long> integerArguments(DynamicCustomOp op) {
        try {
            Field field = DynamicCustomOp.class.getDeclaredField("iArguments"); // SameDiff offers no setter
            field.setAccessible(true);
            return (List<Long>) field.get(op);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this SameDiff version keeps a reshape's shape elsewhere", e);
        }
    }
}
