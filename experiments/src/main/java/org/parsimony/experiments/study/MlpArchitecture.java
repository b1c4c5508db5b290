package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.criteria.CriterionName;
import org.parsimony.pruning.DenseStart;
import org.parsimony.pruning.StructuredPruningResult;
import org.parsimony.pruning.Pruner;
import org.parsimony.pruning.finetune.FineTuneConfig;

import java.util.Arrays;

/**
 * A fully connected network with the given hidden widths ({@code lenet300} is 784-300-100-10 on MNIST-sized data).
 * Criteria prune hidden units layer-wise in one shot ({@link Pruner}); the variational method is
 * {@link VariationalRun}.
 *
 * @param name   the name it was given
 * @param hidden hidden units per layer of the dense start
 */
public record MlpArchitecture(String name, int[] hidden) implements Architecture {

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

    @Override
    public TrainedDense trainDense(TrainTestSplit data, StudyBudget budget, long seed) {
        DenseStart start = DenseStart.train(data.networkWidths(hidden), data.train(),
                FineTuneConfig.defaults().withSeed(seed).withEpochs(budget.denseEpochs()), budget.bootstrapWindow());
        return new Dense(start, RunMeasurement.dense(start.network(), data.test()));
    }

    @Override
    public RunMeasurement prune(TrainedDense dense, CriterionName criterion, double ratio, long seed, TrainTestSplit data,
                                StudyBudget budget) {
        if (!(dense instanceof Dense d)) {
            throw new IllegalArgumentException("architecture " + name + " cannot prune a dense start made by another one");
        }
        StructuredPruningResult r = Pruner.of(criterion).toRatio(ratio).layerWise().seed(seed)
                .fineTune(FineTuneConfig.defaults().withEpochs(budget.fineTuneEpochs()).forFineTuning())
                .prune(d.start.network(), d.start.statistics(), data.train(), data.test()).report();
        return new RunMeasurement(r.accuracyPruned(), r.accuracyFineTuned(), r.paramsAfter(), r.paramsBefore(),
                r.flopsAfter(), r.flopsBefore(), hiddenOf(r.widthsAfter()), hidden.clone());
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

    /** The dense start of an MLP with its pseudo-bootstrap statistics. */
    private record Dense(DenseStart start, RunMeasurement baseline) implements TrainedDense {
    }
}
