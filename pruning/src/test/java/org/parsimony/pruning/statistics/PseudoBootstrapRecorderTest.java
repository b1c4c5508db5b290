package org.parsimony.pruning.statistics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.training.TrainingListener;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PseudoBootstrapRecorderTest {

    @Test
    void varianceEqualsTheSampleVarianceOfTheLastKIterates() {
        int window = 4;
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(window);
        List<float[]> firstLayerValues = new ArrayList<>();
        for (int t = 0; t < 7; t++) {
            INDArray w0 = SyntheticData.inputs(3, 2, 100 + t);
            INDArray w1 = SyntheticData.inputs(2, 2, 200 + t);
            firstLayerValues.add(w0.dup('c').data().asFloat());
            recorder.record(List.of(w0, w1));
        }
        assertEquals(4, recorder.size());
        assertEquals(7, recorder.recorded());
        INDArray variance = recorder.variance(0);
        INDArray mean = recorder.mean(0);
        for (int k = 0; k < 6; k++) {
            double sum = 0;
            for (int t = 3; t < 7; t++) {
                sum += firstLayerValues.get(t)[k];
            }
            double m = sum / window;
            double squares = 0;
            for (int t = 3; t < 7; t++) {
                squares += (firstLayerValues.get(t)[k] - m) * (firstLayerValues.get(t)[k] - m);
            }
            assertEquals(m, mean.getDouble(k / 2, k % 2), 1e-12);
            assertEquals(squares / (window - 1), variance.getDouble(k / 2, k % 2), 1e-12);
            assertEquals(Math.sqrt(squares / (window - 1)), recorder.standardDeviation(0).getDouble(k / 2, k % 2), 1e-12);
        }
        List<INDArray> history = recorder.history(0);
        assertEquals(4, history.size());
        assertEquals(firstLayerValues.get(3)[0], history.get(0).getDouble(0, 0), 0);
        assertEquals(firstLayerValues.get(6)[5], history.get(3).getDouble(2, 1), 0);
    }

    @Test
    void recordsTheTrainersIteratesAndFeedsMuStatistics() {
        DeterministicMlp start = DeterministicTrainer.initialize(new int[] {6, 5, 3}, 2);
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(10);
        List<INDArray> lastWeights = new ArrayList<>();
        DeterministicMlp trained = new DeterministicTrainer(new FineTuneConfig(1, 20, 0.01, 1)).train(start,
                SyntheticData.blobs(200, 6, 3, 1), null, TrainingListener.onSteps((step, loss, weights) -> {
                    recorder.afterStep(step, loss, weights);
                    lastWeights.clear();
                    weights.forEach(w -> lastWeights.add(w.dup()));
                }));
        assertEquals(10, recorder.recorded());
        assertEquals(trained.weight(1), recorder.history(1).get(9).castTo(DataType.FLOAT));
        PosteriorStatistics statistics = PosteriorStatistics.fromPseudoBootstrap(trained, recorder);
        assertEquals(trained.weight(0).castTo(DataType.DOUBLE), statistics.layer(0).weightMean());
        assertEquals(recorder.standardDeviation(1), statistics.layer(1).weightStandardDeviation());
        assertEquals(10, statistics.layer(0).history().size());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, statistics.layer(0).gateProbabilities());
    }

    @Test
    void badUseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PseudoBootstrapRecorder(1));
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(3);
        recorder.record(List.of(Nd4j.ones(3, 2)));
        assertThrows(IllegalStateException.class, () -> recorder.variance(0));
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {3, 2}, 0);
        assertThrows(IllegalArgumentException.class, () -> PosteriorStatistics.fromPseudoBootstrap(network, recorder));
        assertThrows(IllegalArgumentException.class, () -> recorder.record(List.of(Nd4j.ones(2, 2))));
        recorder.record(List.of(Nd4j.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> PosteriorStatistics.fromPseudoBootstrap(
                DeterministicTrainer.initialize(new int[] {3, 3}, 0), recorder));
        assertThrows(IllegalArgumentException.class, () -> recorder.variance(1));
    }
}
