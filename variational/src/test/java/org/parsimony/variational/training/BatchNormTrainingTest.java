package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.BatchNormStatistics;
import org.parsimony.variational.network.ConvPadding;
import org.parsimony.variational.network.ConvolutionSettings;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerSpec;
import org.parsimony.variational.network.VariationalConvParameters;
import org.parsimony.variational.network.VariationalNetwork;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch-normalised variational conv nets: training, statistics, removal with the filter, export and resume. */
class BatchNormTrainingTest {
    /** 1x8x8 -> conv3-8 same + bn -> conv3-6 valid + bn + pool -> dense 10 -> 2 classes. */
    static final Architecture NET = new Architecture("tinybn", new ImageShape(1, 8, 8), List.of(
            LayerSpec.conv(8, 3, ConvPadding.SAME, false).withBatchNorm(true),
            LayerSpec.conv(6, 3, ConvPadding.VALID, true).withBatchNorm(true), LayerSpec.dense(10), LayerSpec.dense(2)));
    private static final LabeledData TRAIN = ConvTrainingTest.squares(500, 3);

    @TempDir
    Path dir;

    /** Settings that make a tiny conv net lose filters within a few epochs (also used by the ResNet tests). */
    static TrainerConfig config(int epochs) {
        return TrainerConfig.builder().epochs(epochs).fineTuneEpochs(1).warmupEpochs(1).batchSize(50).learningRate(1e-2)
                .gateLearningRate(0.5).patience(1).initialSigma(1e-2).seed(8).build();
    }

    @Test
    void aBatchNormalisedNetTrainsRemovesFiltersWithTheirNormalisationAndFoldsOnExport() {
        VariationalTrainer trainer = new VariationalTrainer(config(6), PriorSettings.defaults());
        VariationalNetwork network = trainer.initialize(NET);
        VariationalConvParameters first = (VariationalConvParameters) network.layer(0);
        TrainingResult result = trainer.train(network, TRAIN, TRAIN, null);
        VariationalConvParameters trained = (VariationalConvParameters) network.layer(0);
        assertEquals(trained.units(), trained.norm().units(), "scale, shift and statistics follow the kept filters");
        assertTrue(result.history().get(result.history().size() - 1).liveUnits()[0] < 8
                || result.history().get(result.history().size() - 1).liveUnits()[1] < 6, "filters were removed");
        assertNotEquals(first.norm().scale(), trained.norm().scale(), "the scales were trained");
        DeterministicNetwork delivered = result.network();
        assertFalse(delivered.architecture().hasBatchNorm(), "the delivered network has its normalisations folded in");
        assertTrue(delivered.accuracy(TRAIN) > 0.95, "accuracy " + delivered.accuracy(TRAIN));
        INDArray x = Minibatch.of(TRAIN, java.util.stream.IntStream.range(0, 64).toArray(), 0, 64).features();
        assertEquals(0, network.decided().logits(x).sub(delivered.logits(x)).amaxNumber().doubleValue(), 1e-5);
    }

    /** The first normalised layer's statistics are the exact mean and variance of its pre-activations over the sample. */
    @Test
    void inferenceStatisticsAreThoseOfTheMeanNetworkOnTheSample() {
        VariationalNetwork network = VariationalNetwork.initialize(NET, 0.01, 0.9, 4);
        network.layer(0).bias().assign(Nd4j.linspace(-1, 1, 8, DataType.FLOAT).reshape(1, 8));
        int[] rows = java.util.stream.IntStream.range(0, 2 * BatchNormStatistics.CHUNK).toArray();
        BatchNormStatistics.refresh(network, TRAIN, rows);
        VariationalConvParameters conv = (VariationalConvParameters) network.layer(0);
        INDArray x = Minibatch.of(TRAIN, rows, 0, rows.length).features().reshape('c', rows.length, 1, 8, 8);
        INDArray pre = Nd4j.cnn().conv2d(x, conv.weightMean(), conv.bias().reshape(8),
                ConvolutionSettings.convolution(NET.layer(0)));
        assertArrayEquals(pre.mean(0, 2, 3).toFloatVector(), conv.norm().mean().toFloatVector(), 1e-5f);
        assertArrayEquals(pre.var(false, 0, 2, 3).toFloatVector(), conv.norm().variance().toFloatVector(), 1e-4f);
        // a closed filter keeps the statistics it had
        network.layer(1).gate().putScalar(0, 2, 0.1);
        VariationalConvParameters second = (VariationalConvParameters) network.layer(1);
        second.norm().mean().putScalar(0, 2, 42f);
        BatchNormStatistics.refresh(network, TRAIN, rows);
        assertEquals(42f, second.norm().mean().getFloat(0, 2));
        assertNotEquals(0f, second.norm().mean().getFloat(0, 1));
    }

    @Test
    void aResumedBatchNormRunEndsWithTheSameNetwork() {
        VariationalTrainer trainer = new VariationalTrainer(config(3), PriorSettings.defaults());
        TrainingResult uninterrupted = trainer.train(trainer.initialize(NET), TRAIN, TRAIN, null);
        TrainingResult resumed = KilledRun.resumed(trainer, NET, TRAIN, dir.resolve("bn.ckpt"));
        KilledRun.assertSameNetwork(uninterrupted.network(), resumed.network());
    }
}
