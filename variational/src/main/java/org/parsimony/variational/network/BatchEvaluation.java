package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;

import java.util.function.UnaryOperator;

/** Top-1 accuracy of a logits function over a data set, evaluated in fixed-size batches. */
public final class BatchEvaluation {
    /** Rows per evaluation batch; large enough to amortise call overhead, small enough for memory. */
    public static final int BATCH = 1000;

    private BatchEvaluation() {
    }

    /** Fraction of examples whose arg-max of {@code logits(features)} equals the label. */
    public static double accuracy(UnaryOperator<INDArray> logits, LabeledData data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot measure accuracy on an empty data set");
        }
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long correct = 0;
        for (int from = 0; from < order.length; from += BATCH) {
            Minibatch batch = Minibatch.of(data, order, from, Math.min(order.length, from + BATCH));
            INDArray predicted = logits.apply(batch.features()).argMax(1);
            for (int k = 0; k < batch.size(); k++) {
                if (predicted.getInt(k) == batch.labels()[k]) {
                    correct++;
                }
            }
        }
        return (double) correct / data.size();
    }
}
