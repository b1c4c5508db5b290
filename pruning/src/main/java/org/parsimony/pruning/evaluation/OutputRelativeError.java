package org.parsimony.pruning.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.BatchEvaluation;
import org.parsimony.variational.network.DeterministicMlp;

/**
 * The relative error of a pruned network's output, the quantity SiPP's guarantee bounds (Baykal et al., SIMODS 2021,
 * Theorem 1: {@code |z_hat(x) - z(x)| <= eps |z(x)|} for the pre-activations): the mean over examples of
 * {@code ||f_hat(x) - f(x)||_2 / ||f(x)||_2} on the logits. 0 for an unchanged network; an example whose dense logits
 * are all 0 is skipped (its ratio is undefined).
 */
public final class OutputRelativeError {
    private OutputRelativeError() {
    }

    /**
     * The mean relative logit error of {@code pruned} against {@code dense} on {@code data}.
     *
     * @throws IllegalArgumentException if {@code data} is empty
     */
    public static double of(DeterministicMlp dense, DeterministicMlp pruned, LabeledData data) {
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot measure the relative error on an empty data set");
        }
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        double sum = 0;
        int counted = 0;
        for (int from = 0; from < n; from += BatchEvaluation.BATCH) {
            Minibatch batch = Minibatch.of(data, order, from, Math.min(n, from + BatchEvaluation.BATCH));
            INDArray reference = dense.logits(batch.features());
            INDArray difference = pruned.logits(batch.features()).subi(reference);
            double[] num = difference.norm2(1).toDoubleVector();
            double[] den = reference.norm2(1).toDoubleVector();
            for (int i = 0; i < num.length; i++) {
                if (den[i] > 0) {
                    sum += num[i] / den[i];
                    counted++;
                }
            }
            reference.close();
            difference.close();
        }
        return counted == 0 ? 0 : sum / counted;
    }
}
