package org.parsimony.pruning.statistics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the cause of MU's weak showing before fine-tuning (docs/results/mu-anomaly): with Adam at a constant learning
 * rate the last {@code K} iterates of a weight are still drifting, so the pseudo-bootstrap standard deviation measures
 * how fast a weight moves, not how uncertain it is. It follows the weight's displacement over the window and is
 * unrelated to its magnitude, and MU's score {@code |w| / sigma} then ranks weights mostly by how still they are.
 */
class PseudoBootstrapDriftTest {

    @Test
    void thePseudoBootstrapSigmaTracksDriftNotMagnitude() {
        Random random = new Random(11);
        int n = 3000, d = 20, classes = 3;
        double[][] teacher = new double[d][classes];
        for (double[] row : teacher) {
            for (int c = 0; c < classes; c++) {
                row[c] = random.nextGaussian();
            }
        }
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] logits = new double[classes];
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) random.nextGaussian();
                for (int c = 0; c < classes; c++) {
                    logits[c] += x[i * d + j] * teacher[j][c];
                }
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = logits[c] > logits[best] ? c : best;
            }
            y[i] = best;
        }
        LabeledData data = new LabeledData(x, y, d, classes);
        int window = 50;
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(window);
        DeterministicMlp trained = new DeterministicTrainer(new FineTuneConfig(4, 32, 1e-3, 5))
                .train(DeterministicTrainer.initialize(new int[] {d, 32, classes}, 5), data, null, recorder);

        List<INDArray> history = recorder.history(0);
        double[] sigma = recorder.standardDeviation(0).reshape(-1).toDoubleVector();
        double[] displacement = history.get(window - 1).castTo(DataType.DOUBLE)
                .sub(history.get(0).castTo(DataType.DOUBLE)).reshape(-1).toDoubleVector();
        double[] magnitude = trained.weight(0).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] mu = new MagnitudeUncertaintyCriterion().weightScores(PosteriorStatistics.fromPseudoBootstrap(trained, recorder))
                .get(0).reshape(-1).toDoubleVector();
        for (int i = 0; i < displacement.length; i++) {
            displacement[i] = Math.abs(displacement[i]);
            magnitude[i] = Math.abs(magnitude[i]);
        }
        double drift = spearman(sigma, displacement);
        double size = spearman(sigma, magnitude);
        String report = "spearman(sigma, |displacement|) = " + drift + ", spearman(sigma, |w|) = " + size
                + ", spearman(MU, sigma) = " + spearman(mu, sigma) + ", spearman(MU, |w|) = " + spearman(mu, magnitude);
        assertTrue(drift > 0.6, "sigma follows the drift over the window: " + report);
        assertTrue(Math.abs(size) < 0.3, "sigma is unrelated to the weight's magnitude: " + report);
        assertTrue(spearman(mu, sigma) < -0.3, "MU ranks still weights first: " + report);
    }

    private static double spearman(double[] a, double[] b) {
        double[] x = ranks(a);
        double[] y = ranks(b);
        double mean = (x.length - 1) / 2.0;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mean) * (y[i] - mean);
            sxx += (x[i] - mean) * (x[i] - mean);
            syy += (y[i] - mean) * (y[i] - mean);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int r = 0; r < order.length; r++) {
            ranks[order[r]] = r;
        }
        return ranks;
    }
}
