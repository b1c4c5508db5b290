package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets the inference statistics of a variational network's batch normalisations from data: the decided network
 * ({@link VariationalNetwork#decided()}, posterior means, closed filters removed) is run in training mode over
 * {@code rows} in chunks, and each normalised filter's inference mean and variance become the chunks' pooled statistics,
 * {@code m = E_chunks[m_B]} and {@code v = E_chunks[v_B] + Var_chunks[m_B]} (law of total variance; exact for the first
 * normalised layer when the chunks are equal-sized).
 *
 * <p>Why not running averages of the training minibatches: those normalise the <i>sampled</i> pre-activations of the
 * local reparameterisation, whose variance exceeds that of the posterior-mean network by the weights' noise; the network
 * that is delivered is the mean one, so its statistics are measured on it (the "precise BN" of Wu &amp; Johnson 2021,
 * <i>Rethinking "Batch" in BatchNorm</i>). Filters closed by their gate keep the statistics they had.
 */
public final class BatchNormStatistics {
    /** Examples per chunk of the statistics pass. */
    public static final int CHUNK = 250;

    private BatchNormStatistics() {
    }

    /**
     * Measures and stores the inference statistics of every batch normalisation of {@code network} on {@code data}'s
     * examples at {@code rows}. Does nothing for a network without any.
     *
     * @throws IllegalArgumentException if {@code rows} is empty
     */
    public static void refresh(VariationalNetwork network, LabeledData data, int[] rows) {
        if (!network.architecture().hasBatchNorm()) {
            return;
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("batch-norm statistics need at least one example");
        }
        DeterministicConvNet decided = (DeterministicConvNet) network.decided();
        List<double[][]> sums = null;
        int chunks = 0;
        for (int from = 0; from < rows.length; from += CHUNK) {
            Minibatch batch = Minibatch.of(data, rows, from, Math.min(rows.length, from + CHUNK));
            List<INDArray[]> statistics = new ArrayList<>();
            decided.logitsWithBatchStatistics(batch.features(), statistics);
            if (sums == null) {
                sums = new ArrayList<>();
                for (INDArray[] s : statistics) {
                    sums.add(new double[3][(int) s[0].length()]);
                }
            }
            for (int k = 0; k < statistics.size(); k++) {
                double[] mean = statistics.get(k)[0].toDoubleVector();
                double[] variance = statistics.get(k)[1].toDoubleVector();
                double[][] sum = sums.get(k);
                for (int c = 0; c < mean.length; c++) {
                    sum[0][c] += mean[c];
                    sum[1][c] += mean[c] * mean[c];
                    sum[2][c] += variance[c];
                }
            }
            chunks++;
        }
        int k = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            BatchNormState norm = network.layer(l).norm();
            if (norm == null) {
                continue;
            }
            long[] open = network.decidedUnits(l);
            double[][] sum = sums.get(k++);
            for (int i = 0; i < open.length; i++) {
                double mean = sum[0][i] / chunks;
                double variance = sum[2][i] / chunks + Math.max(0, sum[1][i] / chunks - mean * mean);
                norm.mean().putScalar(0, open[i], mean);
                norm.variance().putScalar(0, open[i], variance);
            }
        }
    }

    /** The first {@code count} of a seeded permutation of {@code 0..n-1} (all of them when {@code count >= n}). */
    public static int[] sample(int n, int count, long seed) {
        int[] order = org.parsimony.variational.data.RandomPermutation.of(n, new java.util.SplittableRandom(seed));
        return java.util.Arrays.copyOf(order, Math.min(n, count));
    }
}
