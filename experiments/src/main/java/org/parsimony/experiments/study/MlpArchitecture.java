package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.criteria.CriterionNeed;
import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.DenseStart;
import org.parsimony.pruning.Pruner;
import org.parsimony.pruning.StructuredPruningResult;
import org.parsimony.experiments.pruning.OpenGateVariational;
import org.parsimony.experiments.pruning.PfpPruningRun;
import org.parsimony.experiments.pruning.WeightPruningResult;
import org.parsimony.experiments.pruning.WeightPruningRun;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.sipp.SensitivityBatchSize;
import org.parsimony.pruning.finetune.FineTuneConfig;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.data.Minibatch;
import org.parsimony.variational.data.RandomPermutation;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fully connected network with the given hidden widths ({@code lenet300} is 784-300-100-10 on MNIST-sized data).
 * At {@link Granularity#units} the ranking criteria remove hidden units ({@link Pruner}) and PFP allocates
 * its own ({@link PfpPruningRun}); at {@link Granularity#weights} they mask single weights and SiPP allocates its own
 * ({@link WeightPruningRun}). The dense start of a weight study trains on 90 % of the training set and holds out the
 * rest, from which SiPP draws its sensitivity batch as torchprune does ({@link SensitivityBatchSize}); a unit study's
 * dense start trains on all of it (as before weight studies existed), so PFP draws its batch from the training set.
 * The variational method is {@link VariationalRun}.
 *
 * @param name   the name it was given
 * @param hidden hidden units per layer of the dense start
 */
public record MlpArchitecture(String name, int[] hidden) implements StudyArchitecture {

    /** @throws IllegalArgumentException if there is no hidden layer or a width is not positive */
    public MlpArchitecture {
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(w -> w <= 0)) {
            throw new IllegalArgumentException("architecture '" + name + "': hidden widths must be positive, got "
                    + Arrays.toString(hidden));
        }
        hidden = hidden.clone();
    }

    /** Any data fits: the input and output widths follow the data, the hidden ones were checked when it was made. */
    @Override
    public void check(TrainTestSplit data) {
    }

    /** Fraction of the training set a weight study's dense start holds out (torchprune's validation split). */
    static final double HELD_OUT = 0.1;

    @Override
    public TrainedDense trainDense(TrainTestSplit data, StudyBudget budget, long seed) {
        LabeledData train = data.train();
        LabeledData heldOut = null;
        if (budget.granularity() == Granularity.weights) {
            int n = train.size();
            int held = (int) Math.max(2, Math.round(HELD_OUT * n));
            if (n - held < 1) {
                throw new IllegalArgumentException("a weight study holds out " + held + " of the " + n + " training "
                        + "examples for SiPP's sensitivity batch; the data set is too small");
            }
            int[] order = RandomPermutation.of(n, new SplittableRandom(seed ^ 0x4E1D0L));
            heldOut = train.subset(Arrays.copyOfRange(order, 0, held));
            train = train.subset(Arrays.copyOfRange(order, held, n));
        }
        DenseStart start = DenseStart.train(data.networkWidths(hidden), train,
                FineTuneConfig.defaults().withSeed(seed).withEpochs(budget.denseEpochs()), budget.bootstrapWindow());
        return new Dense(start, RunMeasurement.dense(start.network(), data.test()), train, heldOut, new PosteriorSlot());
    }

    @Override
    public RunMeasurement prune(TrainedDense dense, CriterionType criterion, double ratio, long seed, TrainTestSplit data,
                                StudyBudget budget) {
        Dense d = own(dense);
        StructuredPruningResult r = Pruner.of(criterion).toRatio(ratio).scope(budget.scope()).rounds(budget.rounds())
                .seed(seed).fineTune(fineTune(budget, seed)).prune(d.start.network(), d.start.statistics(), d.train,
                        data.test()).report();
        return new RunMeasurement(r.accuracyPruned(), r.accuracyFineTuned(), r.paramsAfter(), r.paramsBefore(),
                r.flopsAfter(), r.flopsBefore(), hiddenOf(r.widthsAfter()), hidden.clone());
    }

    /** Every method at its granularities, any scope and number of rounds, but {@code mu-var} in one shot. */
    @Override
    public void requirePruning(StudyMethod method, StudyBudget budget) {
        method.requireGranularity(budget.granularity());
        if (method == StudyMethod.mu_var && budget.rounds() > 1) {
            throw new IllegalArgumentException("mu-var scores a variational posterior, which fine-tuning between rounds "
                    + "does not keep; run it with --rounds 1");
        }
    }

    @Override
    public RunMeasurement prune(TrainedDense dense, StudyMethod method, double ratio, long seed, TrainTestSplit data,
                                StudyBudget budget) {
        requirePruning(method, budget);
        Dense d = own(dense);
        DeterministicMlp network = d.start.network();
        if (budget.granularity() == Granularity.units) {
            if (method != StudyMethod.pfp) {
                return prune(dense, method.criterion(), ratio, seed, data, budget);
            }
            PfpPruningRun.Result r = new PfpPruningRun(budget.rounds(), fineTune(budget, seed))
                    .run(network, sensitivityBatch(d, seed), ratio, seed, d.train, data.test(), null);
            RunMeasurement m = RunMeasurement.of(r.accuracyBefore(), r.accuracyAfter(), r.network(),
                    network.complexity(), network.widths());
            r.network().close();
            return m;
        }
        WeightPruningRun run = new WeightPruningRun(budget.scope(), budget.rounds(), fineTune(budget, seed),
                budget.bootstrapWindow());
        WeightPruningResult r;
        if (method == StudyMethod.sipp) {
            r = run.sipp(network, sensitivityBatch(d, seed), ratio, seed, d.train, data.test(), null);
        } else if (method == StudyMethod.mu_var) {
            OpenGateVariational variational = d.posterior.get(() -> OpenGateVariational.train(hidden, d.train, data.test(),
                    budget.variationalEpochs(), seed));
            r = run.ranked(variational.network(), variational.posterior(), method.criterion().create(seed), null,
                    false, ratio, d.train, data.test());
        } else {
            r = run.ranked(network, d.start.statistics(), method.criterion().create(seed),
                    method.criterion().needs(CriterionNeed.DATA) ? sensitivityBatch(d, seed) : null,
                    method.criterion().needs(CriterionNeed.UNCERTAINTY), ratio, d.train, data.test());
        }
        return new RunMeasurement(r.accuracyBefore(), r.accuracyAfter(), r.nonzeroParameters(),
                network.complexity().parameters(), r.nonzeroWeights(), network.complexity().multiplyAdds(),
                hidden.clone(), hidden.clone());
    }

    private Dense own(TrainedDense dense) {
        if (!(dense instanceof Dense d)) {
            throw new IllegalArgumentException("architecture " + name + " cannot prune a dense start made by another one");
        }
        return d;
    }

    private static FineTuneConfig fineTune(StudyBudget budget, long seed) {
        return FineTuneConfig.defaults().withSeed(seed).withEpochs(budget.fineTuneEpochs()).forFineTuning();
    }

    /**
     * SiPP's and PFP's sensitivity batch: {@link SensitivityBatchSize} examples drawn with the run's seed from the
     * held-out part of a weight study's training set, or from a unit study's training set.
     */
    static INDArray sensitivityBatch(Dense d, long seed) {
        LabeledData source = d.heldOut != null ? d.heldOut : d.train;
        int size = SensitivityBatchSize.of(d.start.network().widths(), source.size());
        int[] order = RandomPermutation.of(source.size(), new SplittableRandom(seed ^ 0x5EEDL));
        return Minibatch.of(source, order, 0, size).features();
    }

    @Override
    public RunMeasurement trainVariational(TrainTestSplit data, StudyBudget budget, long seed, TrainerVariant variant) {
        return VariationalRun.measure(org.parsimony.variational.network.Architecture.mlp(data.train().featureCount(),
                hidden, data.train().classCount()), data, budget, seed, variant);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpArchitecture other && name.equals(other.name) && Arrays.equals(hidden, other.hidden);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(hidden);
    }

    @Override
    public String toString() {
        return name;
    }

    private static int[] hiddenOf(int[] widths) {
        return Arrays.copyOfRange(widths, 1, widths.length - 1);
    }

    /**
     * The dense start of an MLP with its pseudo-bootstrap statistics.
     *
     * @param train   the examples it trained on (and its pruned networks fine-tune on)
     * @param heldOut the training examples it never saw (a weight study's), or null
     * @param posterior the open-gate variational net of the {@code mu-var} runs, trained by the first of them
     */
    record Dense(DenseStart start, RunMeasurement baseline, LabeledData train, LabeledData heldOut, PosteriorSlot posterior)
            implements TrainedDense {
    }

    /** Holds the open-gate variational net of a dense start's {@code mu-var} runs, trained once by the first. */
    static final class PosteriorSlot {
        private OpenGateVariational net;

        synchronized OpenGateVariational get(java.util.function.Supplier<OpenGateVariational> train) {
            if (net == null) {
                net = train.get();
            }
            return net;
        }
    }
}
