package org.parsimony.experiments.reproduce;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.DenseStart;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.pruning.policy.RatioScope;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The scale of a reproduction: what the protocols share (seeds, network, training budget, ratio grid) and the settings
 * of single protocols. Every random source of a seed's run is seeded by that seed.
 *
 * @param seeds             one full run per seed; tables report mean +- std over them
 * @param hidden            hidden widths of the MLP (LeNet-300-100: 300, 100)
 * @param denseEpochs       epochs of the dense network (and of the "trained in isolation" retraining)
 * @param retrainEpochs     epochs of retraining after pruning with the mask fixed (0: before retraining only)
 * @param ratios            fractions of weights removed, increasing
 * @param scope             whether the weights are ranked per layer or over the whole net
 * @param bootstrapWindow   Adam updates of MU's pseudo-bootstrap
 * @param variationalEpochs epochs of the variational net whose posterior sigma MU also scores (0: skip)
 * @param rescaleFactor     the factor {@code c} of MU's scale-invariance demonstration
 * @param sensitivityBatch  training examples SiPP's sensitivities are measured on
 * @param isolationRatios   ratios whose masks are retrained from the initial weights (SiPP's isolation experiment)
 * @param splits            random calibration / test splits of confident pruning
 * @param calibrationSize   calibration examples per split (the rest of the test set is the split's test part)
 * @param alpha             confident pruning's risk level
 * @param delta             confident pruning's error probability
 */
public record ReproduceSettings(List<Long> seeds, int[] hidden, int denseEpochs, int retrainEpochs, double[] ratios,
                                RatioScope scope, int bootstrapWindow, int variationalEpochs, double rescaleFactor,
                                int sensitivityBatch, double[] isolationRatios, int splits, int calibrationSize,
                                double alpha, double delta) {

    /** @throws IllegalArgumentException naming the first setting out of range, as its command-line option */
    public ReproduceSettings {
        seeds = List.copyOf(seeds);
        hidden = hidden.clone();
        ratios = ratios.clone();
        isolationRatios = isolationRatios.clone();
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds lists nothing; give at least one seed");
        }
        if (hidden.length == 0) {
            throw new IllegalArgumentException("--widths lists nothing; give at least one hidden width, e.g. 300,100");
        }
        for (int w : hidden) {
            if (w < 1) {
                throw new IllegalArgumentException("--widths must be positive, got " + w);
            }
        }
        if (denseEpochs < 1) {
            throw new IllegalArgumentException("--dense-epochs must be >= 1, got " + denseEpochs);
        }
        if (retrainEpochs < 0 || variationalEpochs < 0) {
            throw new IllegalArgumentException("--retrain and --variational-epochs must be >= 0");
        }
        requireGrid("--ratios", ratios);
        for (double r : isolationRatios) {
            if (!(r >= 0 && r < 1)) {
                throw new IllegalArgumentException("--isolation-ratios must be in [0, 1), got " + r);
            }
        }
        if (bootstrapWindow < 2) {
            throw new IllegalArgumentException("--bootstrap-window must be >= 2, got " + bootstrapWindow);
        }
        if (!(rescaleFactor > 0) || Double.isInfinite(rescaleFactor) || rescaleFactor == 1) {
            throw new IllegalArgumentException("--rescale must be positive, finite and not 1, got " + rescaleFactor);
        }
        if (sensitivityBatch < 1) {
            throw new IllegalArgumentException("--sensitivity-batch must be >= 1, got " + sensitivityBatch);
        }
        if (splits < 1 || calibrationSize < 1) {
            throw new IllegalArgumentException("--splits and --calibration must be >= 1, got " + splits + " and "
                    + calibrationSize);
        }
        if (!(alpha > 0 && alpha < 1) || !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("--alpha and --delta must be in (0, 1), got " + alpha + " and " + delta);
        }
    }

    private static void requireGrid(String option, double[] ratios) {
        if (ratios.length == 0) {
            throw new IllegalArgumentException(option + " lists nothing; give at least one ratio");
        }
        for (int k = 0; k < ratios.length; k++) {
            if (!(ratios[k] >= 0 && ratios[k] < 1)) {
                throw new IllegalArgumentException(option + " must be in [0, 1), got " + ratios[k]);
            }
            if (k > 0 && !(ratios[k] > ratios[k - 1])) {
                throw new IllegalArgumentException(option + " must be strictly increasing, but " + ratios[k]
                        + " follows " + ratios[k - 1]);
            }
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public double[] ratios() {
        return ratios.clone();
    }

    @Override
    public double[] isolationRatios() {
        return isolationRatios.clone();
    }

    /** The dense training of seed {@code seed}. */
    public FineTuneConfig denseTraining(long seed) {
        return FineTuneConfig.defaults().withSeed(seed).withEpochs(denseEpochs);
    }

    /**
     * The dense start of seed {@code seed} on {@code split}'s training set (with the pseudo-bootstrap window MU needs),
     * announced on {@code console}.
     */
    public DenseStart trainDense(int[] widths, TrainTestSplit split, long seed, PrintStream console) {
        console.printf(Locale.ROOT, "seed %d: training the dense %s for %d epochs%n", seed, Arrays.toString(widths),
                denseEpochs);
        return DenseStart.train(widths, split.train(), denseTraining(seed), bootstrapWindow());
    }

    /** The retraining after pruning of seed {@code seed} (the fine-tuning schedule, {@code retrainEpochs} epochs). */
    public FineTuneConfig retraining(long seed) {
        return FineTuneConfig.defaults().withSeed(seed).withEpochs(retrainEpochs).forFineTuning();
    }
}
