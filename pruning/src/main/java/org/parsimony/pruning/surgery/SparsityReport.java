package org.parsimony.pruning.surgery;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.network.DeterministicNetwork;

/**
 * Honest size of a network after unstructured pruning: the stored arrays stay dense, so the dense
 * parameter count and the dense multiply-adds are what the network actually costs to store and run with a
 * dense kernel. The nonzero counts are what a sparse format would have to store, and
 * {@code nonzeroWeights} is the number of multiply-adds a sparse kernel would need per example; no speed-up
 * is claimed (whether a sparse kernel is faster depends on the hardware and the sparsity pattern).
 *
 * @param parameters         weights and biases as stored, {@code sum_l (n_{l-1} n_l + n_l)}
 * @param nonzeroParameters  weights and biases that are not exactly 0
 * @param weights            weights as stored (an MLP's {@code sum_l n_{l-1} n_l}, a conv net's kernel elements)
 * @param nonzeroWeights     weights that are not exactly 0
 * @param denseMultiplyAdds  multiply-adds per example with dense kernels, unchanged by masking
 */
public record SparsityReport(long parameters, long nonzeroParameters, long weights, long nonzeroWeights,
                             long denseMultiplyAdds) {

    /** Counts the exact zeros of {@code network}'s weights and biases. */
    public static SparsityReport of(DeterministicNetwork network) {
        long nonzeroWeights = 0;
        long nonzeroBiases = 0;
        long weights = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            INDArray weight = network.weight(l);
            weights += weight.length();
            nonzeroWeights += nonzero(weight);
            nonzeroBiases += nonzero(network.bias(l));
        }
        return new SparsityReport(network.complexity().parameters(), nonzeroWeights + nonzeroBiases, weights,
                nonzeroWeights, network.complexity().multiplyAdds());
    }

    /** The nonzero elements of {@code copy}, which (and whose intermediates) it frees. */
    private static long nonzero(INDArray copy) {
        INDArray nonzero = copy.neq(0);
        INDArray counts = nonzero.castTo(org.nd4j.linalg.api.buffer.DataType.LONG);
        long count = counts.sumNumber().longValue();
        for (INDArray a : new INDArray[] {copy, nonzero, counts}) {
            a.close();
        }
        return count;
    }

    /** Fraction of weights that are nonzero. */
    public double weightDensity() {
        return (double) nonzeroWeights / weights;
    }
}
