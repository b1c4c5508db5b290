package org.parsimony.pruning.finetune;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.variational.network.AffineMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The mean softmax cross-entropy of a ReLU MLP and its gradient by backpropagation, written out by hand.
 *
 * <p>Forward: {@code a_0 = x}, {@code z_l = a_{l-1} W_l + b_l}, {@code a_l = relu(z_l)} for hidden layers,
 * logits {@code z_L}; loss {@code (1/B) sum_n [logsumexp(z_L[n]) - z_L[n, y_n]]} (computed with the row
 * maximum subtracted, so it does not overflow).
 * Backward: {@code dz_L = (softmax(z_L) - Y) / B}; for each layer {@code dW_l = a_{l-1}^T dz_l},
 * {@code db_l = sum_n dz_l[n]}, {@code dz_{l-1} = (dz_l W_l^T) * 1[z_{l-1} > 0]}.
 * Computes in the data type of the arrays given ({@code double} for gradient checks).
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * Loss and gradients w.r.t. every weight and bias.
     *
     * @param loss            mean cross-entropy over the batch
     * @param weightGradients per layer {@code [n_{l-1}, n_l]}
     * @param biasGradients   per layer {@code [1, n_l]}
     */
    public record LossAndGradient(double loss, List<INDArray> weightGradients, List<INDArray> biasGradients) {
        /** Frees the gradients' native memory, once they have been applied. */
        public void close() {
            weightGradients.forEach(INDArray::close);
            biasGradients.forEach(INDArray::close);
        }
    }

    /**
     * @param weights  per layer {@code [n_{l-1}, n_l]}
     * @param biases   per layer {@code [1, n_l]}
     * @param features {@code [B, n_0]}
     * @param oneHot   {@code [B, n_L]}, one 1 per row
     */
    public static LossAndGradient evaluate(List<INDArray> weights, List<INDArray> biases, INDArray features,
                                           INDArray oneHot) {
        int layers = weights.size();
        // every array made here but the gradients is freed before returning, not left to the garbage collector, which
        // frees ND4J's native buffers only when it finds their small Java wrappers (seldom, with a large heap)
        List<INDArray> scratch = new ArrayList<>();
        List<INDArray> activations = new ArrayList<>();
        List<INDArray> preActivations = new ArrayList<>();
        INDArray a = features;
        activations.add(a);
        for (int l = 0; l < layers; l++) {
            INDArray z = AffineMap.apply(a, weights.get(l), biases.get(l));
            preActivations.add(scratched(scratch, z));
            if (l < layers - 1) {
                a = scratched(scratch, Transforms.relu(z, true));
                activations.add(a);
            }
        }
        INDArray logits = preActivations.get(layers - 1);
        long batch = logits.size(0);
        INDArray rowMax = scratched(scratch, logits.max(1));
        INDArray shifted = scratched(scratch, logits.subColumnVector(rowMax.reshape(batch, 1)));
        INDArray exp = scratched(scratch, Transforms.exp(shifted, true));
        INDArray sumExp = scratched(scratch, exp.sum(true, 1));
        INDArray logSumExp = scratched(scratch, Transforms.log(sumExp, true));
        double loss = logSumExp.sumNumber().doubleValue() / batch
                - scratched(scratch, shifted.mul(oneHot)).sumNumber().doubleValue() / batch;

        INDArray dz = exp.diviColumnVector(sumExp).subi(oneHot).divi(batch);
        INDArray[] dW = new INDArray[layers];
        INDArray[] db = new INDArray[layers];
        for (int l = layers - 1; l >= 0; l--) {
            dW[l] = activations.get(l).transpose().mmul(dz);
            db[l] = dz.sum(true, 0);
            if (l > 0) {
                INDArray active = scratched(scratch, preActivations.get(l - 1).gt(0));
                INDArray gate = scratched(scratch, active.castTo(dz.dataType()));
                dz = scratched(scratch, dz.mmul(weights.get(l).transpose()).muli(gate));
            }
        }
        scratch.forEach(INDArray::close);
        return new LossAndGradient(loss, List.of(dW), List.of(db));
    }

    /** {@code array}, added to the arrays that {@link #evaluate} frees before it returns. */
    private static INDArray scratched(List<INDArray> scratch, INDArray array) {
        scratch.add(array);
        return array;
    }
}
