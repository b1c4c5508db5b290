package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerDependencies;
import org.parsimony.variational.network.VariationalConvParameters;
import org.parsimony.variational.network.VariationalNetwork;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A variational ResNet trains, removes filters (a residual stream's channels from every layer that writes or reads the
 * stream, with their Adam moments), and resumes from a checkpoint to the same network.
 */
class ResidualTrainingTest {
    /** ResNet-8 on 1x8x8: stem 0; block (1, 2); stage 2 (3, projection 4, 5); stage 3 (6, projection 7, 8); dense 9. */
    private static final int[] WIDTHS = {8, 6, 8, 6, 8, 8, 6, 8, 8};
    private static final Architecture NET = Architecture.resnet(1, new ImageShape(1, 8, 8), 2).withGatedUnits(WIDTHS);
    private static final LabeledData TRAIN = ConvTrainingTest.squares(500, 3);

    @TempDir
    Path dir;

    @Test
    void aResnetTrainsLosesStreamChannelsFromEveryLayerOfTheStreamAndResumesToTheSameNetwork() {
        VariationalTrainer trainer = new VariationalTrainer(BatchNormTrainingTest.config(3), PriorSettings.defaults());
        VariationalNetwork network = trainer.initialize(NET);
        TrainingResult uninterrupted = trainer.train(network, TRAIN, TRAIN, null);
        int[] live = uninterrupted.history().get(2).liveUnits();
        assertTrue(java.util.Arrays.stream(live).sum() < java.util.Arrays.stream(WIDTHS).sum(),
                "filters were removed: " + java.util.Arrays.toString(live));
        LayerDependencies graph = NET.dependencies();
        for (int l = 0; l < 9; l++) {
            List<Integer> group = graph.coupled(l);
            assertEquals(live[group.get(0)], live[l], "layer " + l + " of stream " + group);
            for (int reader : graph.consumers(l)) {
                if (reader < 9) {
                    assertEquals(network.layer(l).units(),
                            ((VariationalConvParameters) network.layer(reader)).inputChannels(), "reader " + reader);
                }
            }
        }
        assertTrue(uninterrupted.network().accuracy(TRAIN) > 0.9, "accuracy " + uninterrupted.network().accuracy(TRAIN));

        TrainingResult resumed = KilledRun.resumed(trainer, NET, TRAIN, dir.resolve("rn.ckpt"));
        KilledRun.assertSameNetwork(uninterrupted.network(), resumed.network());
    }
}
