package org.parsimony.pruning.evaluation;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.MagnitudeUncertaintyCriterion;
import org.parsimony.pruning.criteria.sipp.SippWeightPruner;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.pruning.policy.WeightPruningMethod;
import org.parsimony.pruning.policy.WeightRatioPolicy;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.statistics.PseudoBootstrapRecorder;
import org.parsimony.pruning.surgery.SparsityReport;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weight-level measurements of the reproduce protocols on a small trained MLP: the curve counts what it kept and
 * retrains with the mask fixed, the relative error is 0 for an unchanged net and 1 for a doubled output, the layer
 * rescaling keeps the function and MU's global mask exactly, and isolated retraining keeps masked weights at 0.
 */
class WeightLevelEvaluationTest {
    static final LabeledData ALL = SyntheticData.blobs(800, 10, 4, 11);
    static final LabeledData DATA = ALL.head(600);
    static final LabeledData TEST = ALL.subset(java.util.stream.IntStream.range(600, 800).toArray());
    static final int[] WIDTHS = {10, 16, 8, 4};

    /** A trained net and its pseudo-bootstrap statistics. */
    static PosteriorStatistics trained(DeterministicMlp[] out) {
        PseudoBootstrapRecorder recorder = new PseudoBootstrapRecorder(20);
        DeterministicMlp net = new DeterministicTrainer(new FineTuneConfig(4, 32, 0.01, 3))
                .train(DeterministicTrainer.initialize(WIDTHS, 3), DATA, null, recorder);
        out[0] = net;
        return PosteriorStatistics.fromPseudoBootstrap(net, recorder);
    }

    @Test
    void theCurveCountsTheWeightsKeptAndRetrainsWithTheMaskFixed() {
        DeterministicMlp[] net = new DeterministicMlp[1];
        PosteriorStatistics statistics = trained(net);
        WeightPruningMethod magnitude = WeightPruningMethod.ranked("magnitude", new MagnitudeCriterion(),
                RatioScope.LAYER_WISE, net[0], statistics);
        double[] ratios = {0.0, 0.5, 0.9};
        List<CurvePoint> points = new PruneRetrainCurve(new FineTuneConfig(1, 32, 0.01, 4))
                .run(net[0], magnitude, ratios, DATA, TEST, null);
        assertEquals(3, points.size());
        long total = net[0].complexity().multiplyAdds();
        for (int k = 0; k < ratios.length; k++) {
            long expectedKept = 0;
            for (int l = 1; l < WIDTHS.length; l++) {
                long n = (long) WIDTHS[l - 1] * WIDTHS[l];
                expectedKept += n - Math.round(ratios[k] * n);
            }
            assertEquals(expectedKept, points.get(k).keptWeights(), "ratio " + ratios[k]);
            assertEquals(total, points.get(k).totalWeights());
        }
        assertEquals(0, points.get(0).relativeError(), 0, "nothing removed, nothing changed");
        assertEquals(net[0].accuracy(TEST), points.get(0).accuracyBefore(), 0);
        assertTrue(points.get(2).relativeError() > 0);
        List<CurvePoint> noRetraining = new PruneRetrainCurve(new FineTuneConfig(0, 32, 0.01, 4))
                .run(net[0], magnitude, ratios, DATA, TEST, null);
        for (CurvePoint p : noRetraining) {
            assertEquals(p.accuracyBefore(), p.accuracyAfter(), 0, "without retraining after = before");
        }
    }

    @Test
    void relativeErrorOfADoubledOutputIsOne() {
        DeterministicMlp[] net = new DeterministicMlp[1];
        trained(net);
        DeterministicMlp n = net[0];
        int last = n.layerCount() - 1;
        List<INDArray> w = new java.util.ArrayList<>();
        List<INDArray> b = new java.util.ArrayList<>();
        for (int l = 0; l < n.layerCount(); l++) {
            w.add(l == last ? n.weight(l).muli(2) : n.weight(l));
            b.add(l == last ? n.bias(l).muli(2) : n.bias(l));
        }
        assertEquals(1.0, OutputRelativeError.of(n, new DeterministicMlp(w, b), TEST), 1e-5);
        assertEquals(0.0, OutputRelativeError.of(n, n, TEST), 0);
    }

    @Test
    void rescalingALayerKeepsTheFunctionAndMusGlobalMaskButNotMagnitudes() {
        DeterministicMlp[] net = new DeterministicMlp[1];
        PosteriorStatistics statistics = trained(net);
        LayerRescaling rescaled = LayerRescaling.of(net[0], statistics, 0, 5);
        INDArray x = SyntheticData.inputs(50, 10, 9);
        assertTrue(net[0].logits(x).equalsWithEps(rescaled.network().logits(x), 1e-3), "the same function");
        for (double ratio : new double[] {0.5, 0.8, 0.95}) {
            WeightRatioPolicy mu = new WeightRatioPolicy(new MagnitudeUncertaintyCriterion(), ratio, RatioScope.GLOBAL);
            assertEquals(0, mu.select(statistics).differingWeights(mu.select(rescaled.statistics())), "MU at " + ratio);
        }
        WeightRatioPolicy magnitude = new WeightRatioPolicy(new MagnitudeCriterion(), 0.8, RatioScope.GLOBAL);
        assertTrue(magnitude.select(statistics).differingWeights(magnitude.select(rescaled.statistics())) > 0,
                "magnitude's global mask follows the arbitrary scale");
        assertThrows(IllegalArgumentException.class, () -> LayerRescaling.of(net[0], statistics, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> LayerRescaling.of(net[0], statistics, 0, 0));
    }

    @Test
    void isolatedRetrainingKeepsTheMaskAndSippPrunesThroughTheSameInterface() {
        DeterministicMlp[] net = new DeterministicMlp[1];
        trained(net);
        SippWeightPruner sipp = new SippWeightPruner(net[0], org.parsimony.pruning.criteria.sipp.EmpiricalSensitivity.of(net[0], DATA.head(64)));
        WeightPruningMethod.Pruned pruned = WeightPruningMethod.sipp("sipp", sipp, 1).prune(0.7);
        long kept = SparsityReport.of(pruned.network()).nonzeroWeights();
        assertEquals(pruned.mask().keptWeights(), kept, "the mask says what SiPP kept");
        DeterministicMlp initial = DeterministicTrainer.initialize(WIDTHS, 3);
        DeterministicMlp isolated = new IsolatedRetraining(new FineTuneConfig(2, 32, 0.01, 3)).train(initial, pruned.mask(), DATA);
        WeightMask mask = pruned.mask();
        for (int l = 0; l < isolated.layerCount(); l++) {
            INDArray outside = isolated.weight(l).mul(mask.weightKeep(l).rsub(1));
            assertEquals(0, outside.amaxNumber().doubleValue(), 0, "masked weights of layer " + l + " stay 0");
        }
        assertTrue(isolated.accuracy(TEST) > 0.5, "it learns: " + isolated.accuracy(TEST));
    }
}
