package org.parsimony.experiments.pruning;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.InputScaling;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.criteria.sipp.EmpiricalSensitivity;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Iterative SiPP and PFP in a study: every round measures the sensitivities of its own network. */
class PruningRoundsTest {
    private static final TrainTestSplit DATA = InputScaling.standardized.apply(IdxImageDataset.bundledFashionMnistSubset());
    private static final LabeledData TRAIN = DATA.train().head(1500);
    private static final LabeledData TEST = DATA.test().head(500);
    private static final FineTuneConfig TUNE = FineTuneConfig.defaults().withSeed(3).withEpochs(1).forFineTuning();
    private static final DeterministicMlp DENSE = new DeterministicTrainer(FineTuneConfig.defaults().withSeed(3).withEpochs(2))
            .train(DeterministicTrainer.initialize(new int[] {784, 24, 12, 10}, 3), TRAIN);
    private static final INDArray BATCH = Minibatch.of(TRAIN, IntStream.range(0, 100).toArray(), 0, 100).features();

    @Test
    void twoRoundsOfSippRecomputeTheSensitivitiesAndReachTheTarget() {
        List<EmpiricalSensitivity> rounds = new ArrayList<>();
        WeightPruningResult r = new WeightPruningRun(RatioScope.LAYER_WISE, 2, TUNE, 20)
                .sipp(DENSE, BATCH, 0.9, 1, TRAIN, TEST, rounds::add);
        // two rounds without fine-tuning (the accuracy before) and two with
        assertEquals(4, rounds.size());
        assertArrayEquals(DENSE.widths(), rounds.get(1).widths(), "weight pruning keeps the shape");
        assertTrue(differ(rounds.get(0), rounds.get(1)), "round 2 sees the pruned network, not the dense one");
        assertTrue(differ(rounds.get(1), rounds.get(3)), "with fine-tuning round 2 sees yet another network");
        long parameters = DENSE.complexity().parameters();
        assertEquals(Math.round(0.1 * parameters), r.nonzeroParameters(), "SiPP counts the target over all parameters");
        assertTrue(r.accuracyBefore() >= 0 && r.accuracyAfter() <= 1);
    }

    @Test
    void twoRoundsOfPfpRecomputeTheSensitivitiesOfTheSmallerNetwork() {
        List<EmpiricalSensitivity> rounds = new ArrayList<>();
        PfpPruningRun.Result r = new PfpPruningRun(2, TUNE).run(DENSE, BATCH, 0.7, 1, TRAIN, TEST, rounds::add);
        assertEquals(4, rounds.size());
        assertArrayEquals(DENSE.widths(), rounds.get(0).widths());
        assertFalse(Arrays.equals(rounds.get(0).widths(), rounds.get(1).widths()), "round 2 measures the pruned network");
        long target = Math.round(0.3 * DENSE.complexity().parameters());
        long unit = 784 + 1 + 12; // the heaviest unit: its inputs, bias and outputs
        assertTrue(Math.abs(r.network().complexity().parameters() - target) < unit,
                "kept " + r.network().complexity().parameters() + ", target " + target);
    }

    private static boolean differ(EmpiricalSensitivity a, EmpiricalSensitivity b) {
        for (int l = 0; l < a.layerCount(); l++) {
            if (!Arrays.deepEquals(a.weightSensitivity(l), b.weightSensitivity(l))) {
                return true;
            }
        }
        return false;
    }
}
