package org.parsimony.pruning.policy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.CoupledChannels;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerDependencies;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A residual network through the pruning schedule: a stream's channels are scored as a group (mean of its layers'
 * scores) and removed from every layer of the stream, in every round; the statistics follow the graph's edges.
 */
class ResidualPruningScheduleTest {
    /** ResNet-8 on 1x8x8 images: streams {0, 2}, {4, 5}, {7, 8}; widths 4 / 6 / 8. */
    private static final Architecture RESNET8 = Architecture.resnet(1, new ImageShape(1, 8, 8), 3)
            .withGatedUnits(new int[] {4, 4, 4, 6, 6, 6, 8, 8, 8});
    private static final LabeledData DATA = SyntheticData.blobs(96, 64, 3, 4);

    @Test
    void aStreamsChannelsAreScoredAsAGroupAndKeptAlike() {
        List<double[]> scores = new ArrayList<>();
        for (int l = 0; l < 9; l++) {
            double[] s = new double[RESNET8.layer(l).units()];
            for (int j = 0; j < s.length; j++) {
                s[j] = (l + 1) * (j % 2 == 0 ? 1 : -1) + j; // members disagree channel by channel
            }
            scores.add(s);
        }
        List<double[]> grouped = CoupledChannels.groupScores(RESNET8, scores);
        assertArrayEquals(grouped.get(0), grouped.get(2));
        assertEquals((scores.get(0)[1] + scores.get(2)[1]) / 2, grouped.get(0)[1], 1e-12);
        assertArrayEquals(grouped.get(4), grouped.get(5));
        assertSame(scores.get(1), grouped.get(1)); // a layer of its own keeps its scores
        List<long[]> kept = new ArrayList<>();
        for (int l = 0; l < 9; l++) {
            kept.add(new long[] {l % (RESNET8.layer(l).units() - 1), RESNET8.layer(l).units() - 1});
        }
        KeptUnits unified = CoupledChannels.unified(RESNET8, new KeptUnits(kept));
        assertArrayEquals(kept.get(0), unified.kept(2));
        assertArrayEquals(kept.get(4), unified.kept(5));
        assertArrayEquals(kept.get(7), unified.kept(8));
        assertArrayEquals(kept.get(3), unified.kept(3));
    }

    @Test
    void pruningInTwoRoundsRemovesEachStreamsChannelsFromAllItsLayers() {
        FineTuneConfig train = FineTuneConfig.defaults().withEpochs(1).withBatchSize(32).withSeed(2);
        DeterministicNetwork dense = new LikelihoodGraphTrainer(train).train(LikelihoodGraphTrainer.initialize(RESNET8, 1),
                DATA, null);
        PruningSchedule schedule = PruningSchedule.toRatio(new MagnitudeCriterion(), 0.5, RatioScope.LAYER_WISE, 2);
        PruningOutcome<DeterministicNetwork> outcome = schedule.withFineTuning(train.forFineTuning())
                .run(dense, PosteriorStatistics.pointEstimate(dense), DATA, (round, network) -> { });
        int[] widths = outcome.network().widths();
        assertArrayEquals(new int[] {64, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3}, widths);
        LayerDependencies graph = outcome.network().architecture().dependencies();
        assertEquals(List.of(7, 8), graph.coupled(8));
        INDArray logits = outcome.network().logits(SyntheticData.inputs(5, 64, 3));
        assertArrayEquals(new long[] {5, 3}, logits.shape());
        assertArrayEquals(widths, outcome.statistics().widths());
    }
}
