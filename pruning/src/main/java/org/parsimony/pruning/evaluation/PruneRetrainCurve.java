package org.parsimony.pruning.evaluation;

import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.WeightPruningMethod;
import org.parsimony.pruning.surgery.SparsityReport;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Accuracy against the fraction of weights removed, the experiment of the MU and SiPP papers: for every ratio the
 * dense network is pruned once by the method (one shot, from the same dense weights), its test accuracy and output error
 * are measured, and it is retrained for {@code retrain.epochs()} epochs with the mask fixed (the masked weights stay 0)
 * and measured again. Kept weights are counted as the exact non-zeros ({@link SparsityReport}), so a method that keeps
 * fewer than it was asked is not credited for more.
 */
public final class PruneRetrainCurve {
    /** Told after every point, for progress lines. */
    @FunctionalInterface
    public interface Listener {
        /** Point {@code point} of method {@code method} is measured. */
        void measured(String method, CurvePoint point);
    }

    private final FineTuneConfig retrain;

    /** @param retrain the retraining after pruning; 0 epochs measures before retraining only */
    public PruneRetrainCurve(FineTuneConfig retrain) {
        this.retrain = Objects.requireNonNull(retrain, "retrain");
    }

    /**
     * The curve of {@code method} over {@code ratios}.
     *
     * @throws IllegalArgumentException if a ratio is outside [0, 1] or the data do not fit the network
     */
    public List<CurvePoint> run(DeterministicMlp dense, WeightPruningMethod method, double[] ratios, LabeledData train,
                                LabeledData test, Listener listener) {
        long total = dense.complexity().multiplyAdds();
        List<CurvePoint> points = new ArrayList<>();
        for (double ratio : ratios) {
            WeightPruningMethod.Pruned pruned = method.prune(ratio);
            DeterministicMlp network = pruned.network();
            long kept = SparsityReport.of(network).nonzeroWeights();
            double before = network.accuracy(test);
            double error = OutputRelativeError.of(dense, network, test);
            double after = before;
            if (retrain.epochs() > 0) {
                DeterministicMlp retrained = new DeterministicTrainer(retrain).train(network, train, pruned.mask(), null);
                after = retrained.accuracy(test);
                retrained.close();
            }
            network.close();
            // the pruning and evaluation temporaries of a point are ND4J arrays whose native memory is freed with their
            // wrappers; under a large heap those are collected seldom, and a curve of many points grew to gigabytes
            System.gc();
            CurvePoint point = new CurvePoint(ratio, kept, total, before, after, error);
            points.add(point);
            if (listener != null) {
                listener.measured(method.name(), point);
            }
        }
        return points;
    }
}
