package org.parsimony.pruning.statistics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.TinyConvNet;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.criteria.RandomCriterion;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.pruning.surgery.UnitSurgery;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.training.TrainingListener;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pseudo-bootstrap statistics of conv filters: a filter's weight group is its kernel, a column of the reshaped kernel. */
class ConvStatisticsTest {
    private static final int WINDOW = 8;

    /** The tiny conv net after a few Adam steps, with the recorder of its last iterates. */
    private static DeterministicNetwork trained(PseudoBootstrapRecorder recorder) {
        return new LikelihoodGraphTrainer(new FineTuneConfig(1, 16, 1e-2, 5))
                .train(LikelihoodGraphTrainer.initialize(TinyConvNet.ARCHITECTURE, 5), TinyConvNet.images(160, 3), recorder);
    }

    @Test
    void filterStatisticsAndScoresHaveOneColumnPerFilter() {
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(WINDOW);
        DeterministicNetwork network = trained(recorder);
        PosteriorStatistics statistics = PosteriorStatistics.fromPseudoBootstrap(network, recorder);

        assertArrayEquals(new long[] {9, 4}, statistics.layer(0).weightStandardDeviation().shape());
        assertArrayEquals(new long[] {16, 3}, statistics.layer(1).weightMean().shape());
        assertArrayEquals(new long[] {12, 5}, statistics.layer(2).weightMean().shape());
        assertEquals(WINDOW, statistics.layer(1).history().size());
        INDArray kernel = network.weight(1).castTo(DataType.DOUBLE);
        // column j of the reshaped kernel is W[:, :, :, j] row-major: row (y kW + x) C_in + c
        assertEquals(kernel.getDouble(1, 0, 2, 1), statistics.layer(1).weightMean().getDouble(2 * 4 + 2, 1), 0);
        assertTrue(statistics.layer(0).weightStandardDeviation().sumNumber().doubleValue() > 0, "the kernels moved");

        int[] filters = {4, 3, 5};
        for (var criterion : List.of(new MagnitudeCriterion(), new MagnitudeUncertaintyCriterion(), new RandomCriterion(1))) {
            List<double[]> scores = criterion.unitScores(statistics);
            assertEquals(3, scores.size(), criterion.name());
            for (int l = 0; l < 3; l++) {
                assertEquals(filters[l], scores.get(l).length, criterion.name() + " layer " + l);
            }
        }
    }

    @Test
    void muIsInvariantToScalingAKernelsMeansAndSigmasTogether() {
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(WINDOW);
        List<List<INDArray>> iterates = new ArrayList<>();
        DeterministicNetwork network = new LikelihoodGraphTrainer(new FineTuneConfig(1, 16, 1e-2, 5))
                .train(LikelihoodGraphTrainer.initialize(TinyConvNet.ARCHITECTURE, 5), TinyConvNet.images(160, 3),
                        TrainingListener.onSteps((step, loss, weights) -> {
                            recorder.afterStep(step, loss, weights);
                            iterates.add(weights.stream().map(INDArray::dup).toList());
                        }));
        double c = -4; // a power of two: the float iterates scale exactly
        PseudoBootstrapRecorder scaledRecorder = new PseudoBootstrapRecorder(WINDOW);
        for (List<INDArray> iterate : iterates) {
            List<INDArray> scaled = new ArrayList<>(iterate);
            scaled.set(1, iterate.get(1).mul(c));
            scaledRecorder.record(scaled);
        }
        DeterministicNetwork scaled = TinyConvNet.withWeight(network, 1, network.weight(1).mul(c));
        PosteriorStatistics original = PosteriorStatistics.fromPseudoBootstrap(network, recorder);
        PosteriorStatistics rescaled = PosteriorStatistics.fromPseudoBootstrap(scaled, scaledRecorder);

        MagnitudeUncertaintyCriterion mu = new MagnitudeUncertaintyCriterion();
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(mu.unitScores(original).get(l), mu.unitScores(rescaled).get(l), 1e-6, "MU of layer " + l);
        }
        double[] magnitude = new MagnitudeCriterion().unitScores(original).get(1);
        double[] magnitudeScaled = new MagnitudeCriterion().unitScores(rescaled).get(1);
        for (int j = 0; j < magnitude.length; j++) {
            assertEquals(Math.abs(c) * magnitude[j], magnitudeScaled[j], 1e-5, "magnitude scales with |c|");
        }
    }

    @Test
    void keepingFiltersSlicesTheStatisticsLikeTheSurgerySlicesTheNetwork() {
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(WINDOW);
        DeterministicNetwork network = trained(recorder);
        KeptUnits kept = new KeptUnits(List.of(new long[] {1, 3}, new long[] {0, 2}, new long[] {0, 1, 4}));
        PosteriorStatistics sliced = PosteriorStatistics.fromPseudoBootstrap(network, recorder).keepUnits(kept);
        PosteriorStatistics ofPruned = PosteriorStatistics.pointEstimate(UnitSurgery.apply(network, kept));
        for (int l = 0; l < 4; l++) {
            assertTrue(sliced.layer(l).weightMean().equalsWithEps(ofPruned.layer(l).weightMean(), 1e-7), "layer " + l);
        }
        assertArrayEquals(new long[] {8, 2}, sliced.layer(1).weightStandardDeviation().shape());
    }
}
