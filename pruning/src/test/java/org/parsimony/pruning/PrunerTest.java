package org.parsimony.pruning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.pruning.io.ModelFiles;
import org.parsimony.pruning.policy.PruningSchedule;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunerTest {
    private static final FineTuneConfig TRAIN = FineTuneConfig.defaults().withEpochs(2).withBatchSize(32).withSeed(3);

    private static TrainTestSplit blobs(int features) {
        LabeledData all = SyntheticData.blobs(400, features, 3, 5);
        return new TrainTestSplit(all.head(300), all.subset(java.util.stream.IntStream.range(300, 400).toArray()),
                "blobs", new ImageShape(1, 1, features));
    }

    private static DeterministicMlp mlp(TrainTestSplit data) {
        return new DeterministicTrainer(TRAIN).train(DeterministicTrainer.initialize(new int[] {12, 20, 10, 3}, 3),
                data.train());
    }

    private static void assertSameWeights(DeterministicNetwork expected, DeterministicNetwork actual) {
        assertArrayEquals(expected.widths(), actual.widths());
        for (int l = 0; l < expected.layerCount(); l++) {
            assertEquals(expected.weight(l), actual.weight(l), "weights of layer " + l);
            assertEquals(expected.bias(l), actual.bias(l), "bias of layer " + l);
        }
    }

    @Test
    void anMlpIsPrunedAndFineTunedAsTheScheduleDoesAndTheReportDescribesBothNetworks() {
        TrainTestSplit data = blobs(12);
        DeterministicMlp dense = mlp(data);
        FineTuneConfig fineTune = TRAIN.withEpochs(1).forFineTuning();
        PrunedNetwork pruned = Pruner.of("magnitude").toRatio(0.5).layerWise().seed(9).fineTune(fineTune).timingRepeats(1)
                .prune(dense, data);
        DeterministicMlp expected = PruningSchedule.toRatio(new MagnitudeCriterion(), 0.5, RatioScope.LAYER_WISE, 1)
                .withFineTuning(fineTune.withSeed(9)).run(dense, PosteriorStatistics.pointEstimate(dense), data.train())
                .network();
        assertSameWeights(expected, pruned.network());
        StructuredPruningResult report = pruned.report();
        assertArrayEquals(new int[] {12, 10, 5, 3}, report.widthsAfter());
        assertEquals(dense.complexity().parameters(), report.paramsBefore());
        assertEquals(pruned.network().complexity().parameters(), report.paramsAfter());
        assertEquals(pruned.network().complexity().multiplyAdds(), report.flopsAfter());
        assertEquals(dense.accuracy(data.test()), report.accuracyDense());
        assertEquals(pruned.network().accuracy(data.test()), report.accuracyFineTuned());
        assertTrue(report.denseInferenceSeconds() > 0 && report.prunedInferenceSeconds() > 0);
        assertTrue(report.toString().contains("[12, 20, 10, 3] -> [12, 10, 5, 3]"), report.toString());
    }

    @Test
    void muRecordsItsOwnPseudoBootstrapOverOneMoreEpochAsDenseStartDoes() {
        TrainTestSplit data = blobs(12);
        DeterministicMlp trained = mlp(data);
        Pruner pruner = Pruner.of("mu").toRatio(0.4).seed(4).bootstrapWindow(5).fineTune(0).timingRepeats(0);
        PrunedNetwork pruned = pruner.prune(trained, data);
        DenseStart start = DenseStart.continueTraining(trained,
                data.train(), new FineTuneConfig(1, FineTuneConfig.defaults().batchSize(), 1e-3, 4), 5);
        assertSameWeights(pruner.prune(start.network(), start.statistics(), data.train(), data.test()).network(),
                pruned.network());
        assertEquals(start.network().accuracy(data.test()), pruned.report().accuracyDense(),
                "the dense network of the report is the one the statistics describe");
    }

    @Test
    void aConvNetLosesFiltersLayerWiseAndTheSmallerNetSavesAndReloads(@TempDir Path dir) {
        LabeledData all = TinyConvNet.images(240, 2);
        TrainTestSplit data = new TrainTestSplit(all.head(180), all.subset(java.util.stream.IntStream.range(180, 240)
                .toArray()), "images", TinyConvNet.ARCHITECTURE.input());
        DeterministicNetwork dense = new LikelihoodGraphTrainer(TRAIN).train(
                LikelihoodGraphTrainer.initialize(TinyConvNet.ARCHITECTURE, 2), data.train(), null);
        PrunedNetwork pruned = Pruner.of("mu").toRatio(0.5).seed(2).fineTune(TRAIN.withEpochs(1).forFineTuning())
                .timingRepeats(0).prune(dense, data);
        // each layer keeps max(1, n - round(0.5 n)): 4 -> 2 filters, 3 -> 1, 5 -> 2 units
        assertArrayEquals(new int[] {64, 2, 1, 2, 3}, pruned.network().widths());
        assertEquals(pruned.network().accuracy(data.test()), pruned.report().accuracyFineTuned());
        assertTrue(Double.isNaN(pruned.report().denseInferenceSeconds()), "no timing asked for");
        Path file = dir.resolve("conv.sdz");
        ModelFiles.save(pruned.network(), file, Map.of());
        INDArray x = org.parsimony.pruning.SyntheticData.inputs(5, 64, 1);
        assertEquals(pruned.network().logits(x), ModelFiles.load(file).logits(x));
    }

    @Test
    void wrongUseIsRefusedWithTheReason() {
        TrainTestSplit data = blobs(12);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Pruner.of("l1"));
        assertEquals("unknown criterion 'l1' (known: magnitude, mu, random, gate, sipp)", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pruner.of("mu").toRatio(1.0));
        IllegalArgumentException gate = assertThrows(IllegalArgumentException.class,
                () -> Pruner.of("gate").prune(mlp(data), data));
        assertTrue(gate.getMessage().contains("gate probabilities"), gate.getMessage());
        DeterministicNetwork conv = LikelihoodGraphTrainer.initialize(TinyConvNet.ARCHITECTURE, 1);
        LabeledData images = TinyConvNet.images(40, 1);
        TrainTestSplit imageData = new TrainTestSplit(images, images, "images", TinyConvNet.ARCHITECTURE.input());
        assertThrows(IllegalArgumentException.class, () -> Pruner.of("sipp").prune(conv, imageData));
    }

    /** Iterative pruning of a conv net: round 2's MU reads the pseudo-bootstrap of round 1's fine-tuning. */
    @Test
    void aConvNetIsPrunedInTwoRoundsAsTheScheduleDoes() {
        LabeledData all = TinyConvNet.images(240, 2);
        TrainTestSplit data = new TrainTestSplit(all.head(180), all.subset(java.util.stream.IntStream.range(180, 240)
                .toArray()), "images", TinyConvNet.ARCHITECTURE.input());
        DeterministicNetwork dense = new LikelihoodGraphTrainer(TRAIN).train(
                LikelihoodGraphTrainer.initialize(TinyConvNet.ARCHITECTURE, 2), data.train(), null);
        PosteriorStatistics statistics = PosteriorStatistics.pointEstimate(dense);
        FineTuneConfig fineTune = TRAIN.withEpochs(1).forFineTuning();
        PrunedNetwork pruned = Pruner.of("magnitude").toRatio(0.5).rounds(2).seed(6).fineTune(fineTune).timingRepeats(0)
                .prune(dense, statistics, data.train(), data.test());
        DeterministicNetwork expected = PruningSchedule.toRatio(new MagnitudeCriterion(), 0.5, RatioScope.LAYER_WISE, 2)
                .withFineTuning(fineTune.withSeed(6)).run(dense, statistics, data.train()).network();
        assertSameWeights(expected, pruned.network());
        assertArrayEquals(new int[] {64, 2, 1, 2, 3}, pruned.network().widths());
        PrunedNetwork mu = Pruner.of("mu").toRatio(0.5).rounds(2).seed(6).fineTune(fineTune).timingRepeats(0)
                .prune(dense, data);
        assertArrayEquals(new int[] {64, 2, 1, 2, 3}, mu.network().widths());
    }
}
