package org.parsimony.pruning.finetune;

import org.junit.jupiter.api.Test;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.training.EpochReport;
import org.parsimony.variational.training.PriorSettings;
import org.parsimony.variational.training.Trainer;
import org.parsimony.variational.training.TrainerConfig;
import org.parsimony.variational.training.TrainingListener;
import org.parsimony.variational.training.TrainingResult;
import org.parsimony.variational.training.VariationalTrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three trainers through the one {@link Trainer} contract: initialised from one {@link Architecture} (the one
 * width convention), trained by {@code train(network, data, listener)}, reporting to the one {@link TrainingListener}.
 */
class TrainerContractTest {
    private static final LabeledData DATA = SyntheticData.blobs(300, 6, 3, 4);
    private static final Architecture MLP = Architecture.mlp(6, new int[] {10}, 3);

    /** Initialises, trains with a counting listener, and returns the trained network's accuracy. */
    private static <N, R> double trainThroughTheContract(Trainer<N, R> trainer, Function<R, DeterministicNetwork> network,
                                                         List<Long> steps, List<EpochReport> epochs) {
        N start = trainer.initialize(MLP);
        R result = trainer.train(start, DATA, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report, int totalEpochs) {
                epochs.add(report);
            }

            @Override
            public void afterStep(long step, double loss, List<org.nd4j.linalg.api.ndarray.INDArray> weights) {
                steps.add(step);
            }
        });
        DeterministicNetwork trained = network.apply(result);
        assertArrayEquals(new int[] {6, 3}, new int[] {trained.widths()[0], trained.widths()[trained.widths().length - 1]});
        return trained.accuracy(DATA);
    }

    @Test
    void theDeterministicTrainersReportEveryStep() {
        FineTuneConfig config = new FineTuneConfig(3, 32, 1e-2, 5);
        for (Trainer<? extends DeterministicNetwork, ? extends DeterministicNetwork> trainer
                : List.of(new DeterministicTrainer(config), new LikelihoodGraphTrainer(config))) {
            List<Long> steps = new ArrayList<>();
            List<EpochReport> epochs = new ArrayList<>();
            @SuppressWarnings("unchecked")
            Trainer<DeterministicNetwork, DeterministicNetwork> any = (Trainer<DeterministicNetwork, DeterministicNetwork>) trainer;
            double accuracy = trainThroughTheContract(any, n -> n, steps, epochs);
            assertEquals(3 * 10, steps.size(), "ceil(300 / 32) = 10 steps per epoch");
            assertEquals(30L, steps.get(steps.size() - 1));
            assertTrue(accuracy > 0.9, trainer.getClass().getSimpleName() + " accuracy " + accuracy);
        }
    }

    @Test
    void theVariationalTrainerReportsEveryEpoch() {
        TrainerConfig config = TrainerConfig.builder().epochs(4).fineTuneEpochs(1).batchSize(32).learningRate(1e-2)
                .seed(5).build();
        List<Long> steps = new ArrayList<>();
        List<EpochReport> epochs = new ArrayList<>();
        double accuracy = trainThroughTheContract(new VariationalTrainer(config, PriorSettings.defaults()),
                TrainingResult::network, steps, epochs);
        assertEquals(5, epochs.size());
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void bothInitialisationsOfTheDeterministicTrainersAgree() {
        FineTuneConfig config = new FineTuneConfig(1, 32, 1e-2, 5);
        assertArrayEquals(DeterministicTrainer.initialize(MLP.widths(), 5).weight(0).ravel().toFloatVector(),
                new DeterministicTrainer(config).initialize(MLP).weight(0).ravel().toFloatVector());
        assertThrows(IllegalArgumentException.class, () -> new DeterministicTrainer(config)
                .initialize(Architecture.lenet5(new org.parsimony.variational.network.ImageShape(1, 28, 28), 10)));
    }
}
