package org.parsimony.pruning.finetune;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.training.TrainingListener;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterministicTrainerTest {
    private static final LabeledData DATA = SyntheticData.blobs(600, 8, 3, 4);
    private static final FineTuneConfig CONFIG = new FineTuneConfig(4, 32, 0.01, 9);

    @Test
    void trainingLearnsTheBlobs() {
        DeterministicMlp start = DeterministicTrainer.initialize(new int[] {8, 16, 3}, 1);
        List<Double> losses = new ArrayList<>();
        DeterministicMlp trained = new DeterministicTrainer(CONFIG).train(start, DATA, null,
                TrainingListener.onSteps((step, loss, weights) -> losses.add(loss)));
        assertEquals(4 * 19, losses.size()); // ceil(600 / 32) = 19 steps per epoch
        assertTrue(trained.accuracy(DATA) > 0.9, "accuracy " + trained.accuracy(DATA));
        assertTrue(trained.accuracy(DATA) > start.accuracy(DATA) + 0.2);
        assertTrue(losses.get(losses.size() - 1) < losses.get(0));
    }

    @Test
    void fineTuningDecaysTheLearningRateAlongAHalfCosineAndDenseTrainingKeepsItConstant() {
        FineTuneConfig fineTuning = CONFIG.forFineTuning();
        // 600 examples in batches of 32: 19 steps per epoch, 76 in all
        assertEquals(0.01, fineTuning.learningRateAt(0, 600), 1e-15);
        assertEquals(0.005, fineTuning.learningRateAt(38, 600), 1e-15);
        assertEquals(0.0, fineTuning.learningRateAt(76, 600), 1e-15);
        assertEquals(0.01, CONFIG.learningRateAt(75, 600), 0.0);
        assertEquals(CONFIG.withEpochs(2).forFineTuning(), fineTuning.withEpochs(2));

        DeterministicMlp start = DeterministicTrainer.initialize(new int[] {8, 16, 3}, 1);
        List<Double> stepSizes = new ArrayList<>();
        List<INDArray> previous = new ArrayList<>();
        DeterministicMlp decayed = new DeterministicTrainer(fineTuning).train(start, DATA, null, TrainingListener.onSteps((step, loss, weights) -> {
            if (!previous.isEmpty()) {
                stepSizes.add(weights.get(0).sub(previous.get(0)).norm2Number().doubleValue());
            }
            previous.clear();
            previous.add(weights.get(0).dup());
        }));
        // Adam's steps scale with the rate: the last ones are far smaller than the early ones
        assertTrue(stepSizes.get(stepSizes.size() - 1) < 0.05 * stepSizes.get(5), stepSizes.toString());
        assertTrue(decayed.accuracy(DATA) > 0.9, "accuracy " + decayed.accuracy(DATA));
    }

    @Test
    void theSameSeedGivesTheSameNumbersAndAnotherSeedDoesNot() {
        DeterministicMlp start = DeterministicTrainer.initialize(new int[] {8, 16, 3}, 1);
        DeterministicMlp a = new DeterministicTrainer(CONFIG).train(start, DATA);
        DeterministicMlp b = new DeterministicTrainer(CONFIG).train(start, DATA);
        DeterministicMlp c = new DeterministicTrainer(CONFIG.withSeed(10)).train(start, DATA);
        for (int l = 0; l < a.layerCount(); l++) {
            assertEquals(a.weight(l), b.weight(l));
            assertEquals(a.bias(l), b.bias(l));
        }
        assertNotEquals(a.weight(0), c.weight(0));
        assertEquals(DeterministicTrainer.initialize(new int[] {8, 16, 3}, 1).weight(0), start.weight(0));
    }

    @Test
    void maskedUnitsAndWeightsStayExactlyZero() {
        DeterministicMlp start = DeterministicTrainer.initialize(new int[] {8, 16, 3}, 1);
        WeightMask mask = WeightMask.forUnits(start.widths(), new KeptUnits(List.of(new long[] {0, 1, 2, 3, 4, 5, 6, 7})));
        List<Boolean> zeroAtEveryStep = new ArrayList<>();
        DeterministicMlp trained = new DeterministicTrainer(CONFIG).train(start, DATA, mask,
                TrainingListener.onSteps((step, loss, weights) -> zeroAtEveryStep.add(weights.get(0).getColumn(12).sumNumber().doubleValue() == 0
                        && weights.get(1).getRow(12).sumNumber().doubleValue() == 0)));
        assertFalse(zeroAtEveryStep.contains(false));
        for (int j = 8; j < 16; j++) {
            assertEquals(0.0, trained.weight(0).getColumn(j).norm1Number().doubleValue(), 0);
            assertEquals(0.0, trained.bias(0).getDouble(j), 0);
            assertEquals(0.0, trained.weight(1).getRow(j).norm1Number().doubleValue(), 0);
        }
        INDArray changed = trained.weight(0).getColumn(0).sub(start.weight(0).getColumn(0));
        assertTrue(changed.norm1Number().doubleValue() > 0, "kept units must still train");
        assertTrue(trained.accuracy(DATA) > 0.85);
    }

    @Test
    void zeroEpochsReturnsTheSameNetwork() {
        DeterministicMlp start = DeterministicTrainer.initialize(new int[] {8, 4, 3}, 1);
        DeterministicMlp same = new DeterministicTrainer(CONFIG.withEpochs(0)).train(start, DATA);
        assertEquals(start.weight(0), same.weight(0));
    }

    @Test
    void badInputIsRejected() {
        DeterministicMlp wrongInputs = DeterministicTrainer.initialize(new int[] {7, 4, 3}, 1);
        DeterministicMlp wrongClasses = DeterministicTrainer.initialize(new int[] {8, 4, 2}, 1);
        DeterministicTrainer trainer = new DeterministicTrainer(CONFIG);
        assertThrows(IllegalArgumentException.class, () -> trainer.train(wrongInputs, DATA));
        assertThrows(IllegalArgumentException.class, () -> trainer.train(wrongClasses, DATA));
        assertThrows(IllegalArgumentException.class, () -> trainer.train(DeterministicTrainer.initialize(
                new int[] {8, 4, 3}, 1), DATA, WeightMask.dense(new int[] {8, 5, 3}), null));
        assertThrows(IllegalArgumentException.class, () -> new FineTuneConfig(-1, 10, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FineTuneConfig(1, 0, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FineTuneConfig(1, 10, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> DeterministicTrainer.initialize(new int[] {3, 0, 2}, 0));
    }

    @Test
    void theWorkingCopiesOfTheWeightsAreFreedWhenTrainingEnds() {
        DeterministicMlp start = DeterministicTrainer.initialize(new int[] {8, 16, 3}, 1);
        List<INDArray> working = new ArrayList<>();
        DeterministicMlp trained = new DeterministicTrainer(CONFIG).train(start, DATA, null, TrainingListener.onSteps((step, loss, weights) -> {
            if (working.isEmpty()) {
                working.addAll(weights);
            }
        }));
        assertEquals(2, working.size());
        assertTrue(working.stream().allMatch(INDArray::wasClosed), "freed, not left to the garbage collector");
        assertFalse(trained.isClosed() || start.isClosed());
        assertTrue(trained.accuracy(DATA) > 0.9 && start.accuracy(DATA) > 0, "both networks stay usable");
    }
}
