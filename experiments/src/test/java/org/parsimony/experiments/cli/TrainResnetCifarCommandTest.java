package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.experiments.data.CifarBinary;
import org.parsimony.experiments.data.CifarFiles;
import org.parsimony.pruning.io.ModelFiles;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.LayerDependencies;
import org.parsimony.variational.network.VariationalConvParameters;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.training.PriorSettings;
import org.parsimony.variational.training.TrainerConfig;
import org.parsimony.variational.training.VariationalTrainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ResNet-20 (width x0.25) on a tiny CIFAR-format set: variational training removes filters, a residual stream's
 * channels go together from every layer that writes or reads it, and the model exports and reloads.
 */
class TrainResnetCifarCommandTest {
    /** Stream groups of ResNet-20's layers (stem, second convolutions, projections); the other hidden layers are alone. */
    private static final List<List<Integer>> STREAMS = List.of(List.of(0, 2, 4, 6), List.of(8, 9, 11, 13),
            List.of(15, 16, 18, 20));

    @TempDir
    Path dir;

    @Test
    void trainAcceptsResnet20AtAQuarterWidthRemovesStreamChannelsTogetherAndItsModelScoresTheReportedAccuracy()
            throws IOException {
        Path data = CifarFiles.write(dir.resolve("cifar"), 60, 50);
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of("train", "--arch", "resnet20", "--width", "0.25", "--data-dir", data.toString(),
                "--epochs", "2", "--fine-tune", "0", "--warmup", "0", "--batch-size", "50", "--gate-lr", "0.5",
                "--patience", "1", "--pi-min", "0.3", "--seed", "5", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("9 conv1x1-"), run.out()); // the first projection, with its counts
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("resnet20", results.get("architecture").asText());
        int[] start = new ObjectMapper().convertValue(results.get("unitsStart"), int[].class);
        int[] kept = new ObjectMapper().convertValue(results.get("unitsKept"), int[].class);
        assertEquals(21, start.length);
        assertTrue(Arrays.stream(kept).sum() < Arrays.stream(start).sum(), "filters removed: " + Arrays.toString(kept));
        for (List<Integer> stream : STREAMS) {
            for (int l : stream) {
                assertEquals(kept[stream.get(0)], kept[l], "stream " + stream + " in " + Arrays.toString(kept));
            }
        }
        DeterministicNetwork saved = ModelFiles.load(out.resolve("model.sdz"));
        assertFalse(saved.architecture().hasBatchNorm());
        assertTrue(saved.architecture().isResidual());
        int[] widths = saved.widths();
        assertArrayEquals(kept, Arrays.copyOfRange(widths, 1, widths.length - 1));
        assertEquals(saved.complexity().parameters(), results.get("paramsKept").asLong());
        TrainTestSplit split = CifarBinary.fromDirectory(data);
        assertEquals(results.get("testAccuracy").asDouble(), saved.accuracy(split.test()), 1e-12);
    }

    @Test
    void aTrainedResnetLosesAStreamChannelEverywhereAndExportsAndReloadsWithTheSameOutputs() {
        TrainTestSplit split = CifarBinary.fromDirectory(CifarFiles.write(dir.resolve("cifar"), 40, 20));
        Architecture quarter = Architecture.resnet(3, CifarBinary.IMAGE, 10).scaled(0.25);
        VariationalTrainer trainer = new VariationalTrainer(TrainerConfig.builder().epochs(1).fineTuneEpochs(0)
                .warmupEpochs(0).batchSize(50).seed(3).build(), PriorSettings.defaults());
        VariationalNetwork network = trainer.initialize(quarter);
        trainer.train(network, split.train(), split.test(), null);
        // close two channels of the second stage's stream, as their gate would
        int holder = quarter.dependencies().gateHolder(11);
        assertEquals(8, holder);
        int channels = network.layer(holder).units();
        network.layer(holder).gate().putScalar(0, 1, 0.1);
        network.layer(holder).gate().putScalar(0, 5, 0.1);
        VariationalNetwork decided = new VariationalNetwork(quarter, IntStream.range(0, network.layerCount())
                .mapToObj(network::layer).toList());
        long[] open = network.decidedUnits(11);
        assertTrue(open.length <= channels - 2 && Arrays.stream(open).noneMatch(j -> j == 1 || j == 5));
        decided.keepUnits(11, open);
        LayerDependencies graph = quarter.dependencies();
        for (int l : graph.coupled(11)) {
            assertEquals(open.length, decided.layer(l).units(), "writer " + l);
            for (int reader : graph.consumers(l)) {
                assertEquals(open.length, ((VariationalConvParameters) decided.layer(reader)).inputChannels(),
                        "reader " + reader);
            }
        }
        DeterministicNetwork pruned = network.toDeterministic();
        for (int l : graph.coupled(11)) {
            assertEquals(open.length, pruned.architecture().layer(l).units(), "layer " + l);
        }
        Path file = dir.resolve("resnet20.sdz");
        ModelFiles.save(pruned, file, Map.of("seed", 3));
        DeterministicNetwork reloaded = ModelFiles.load(file);
        assertEquals(pruned.architecture(), reloaded.architecture());
        INDArray x = Minibatch.of(split.test(), IntStream.range(0, 20).toArray(), 0, 20).features();
        INDArray expected = pruned.logits(x);
        assertEquals(0, expected.sub(reloaded.logits(x)).amaxNumber().doubleValue(), 1e-5);
        // folding the batch normalisations into the convolutions keeps the function
        INDArray unfolded = network.decided().logits(x);
        assertEquals(0, unfolded.sub(expected).amaxNumber().doubleValue(), 1e-4 * unfolded.amaxNumber().doubleValue() + 1e-5);
    }
}
