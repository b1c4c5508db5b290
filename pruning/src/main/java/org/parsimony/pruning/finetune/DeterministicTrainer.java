package org.parsimony.pruning.finetune;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.optim.AdamOptimizer;
import org.parsimony.variational.training.Trainer;
import org.parsimony.variational.training.TrainingListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Trains or fine-tunes a ReLU {@link DeterministicNetwork} with minibatch Adam on the mean softmax cross-entropy: an
 * MLP with gradients from {@link SoftmaxCrossEntropy} (manual backpropagation in ND4J, the fast path), any other
 * network (a conv net) through the SameDiff graph of {@link LikelihoodGraphTrainer}, whose schedule is this one's.
 *
 * <p>Reproducible: the minibatch order of epoch {@code e} is a Fisher-Yates permutation drawn from
 * {@code SplittableRandom(seed * 31 + e)}, so the same config, network and data give the same numbers.
 * The last minibatch of an epoch may be smaller than the batch size.
 *
 * <p>With a {@link WeightMask}, masked parameters are set to 0 before the first step and their gradients
 * are masked, so they stay exactly 0 (Adam's moments for them stay 0 and so does their update); the mask is
 * re-applied after each step as well. This keeps pruned units or weights pruned while the rest adapts.
 *
 * <p>Memory: a step's gradients and the working copies of the weights are freed as soon as they are done with, so that
 * many short trainings (the rounds of a pruning schedule) do not pile up native buffers until a garbage collection.
 */
public final class DeterministicTrainer implements Trainer<DeterministicMlp, DeterministicMlp> {
    private final FineTuneConfig config;

    /** A trainer with the given settings. */
    public DeterministicTrainer(FineTuneConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** The settings. */
    public FineTuneConfig config() {
        return config;
    }

    /**
     * A fresh network with He-normal weights {@code N(0, 2 / n_{l-1})} (He et al. 2015, suited to ReLU) and
     * zero biases, drawn from ND4J's generator seeded with {@code seed}.
     *
     * @param widths {@code n_0, ..., n_L}, inputs first, classes last
     * @throws IllegalArgumentException on fewer than two widths or a non-positive width
     */
    public static DeterministicMlp initialize(int[] widths, long seed) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output width");
        }
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(widths));
            }
        }
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            weights.add(Nd4j.randn(random, widths[l - 1], widths[l]).castTo(DataType.FLOAT)
                    .muli(Math.sqrt(2.0 / widths[l - 1])));
            biases.add(Nd4j.zeros(DataType.FLOAT, widths[l]));
        }
        return new DeterministicMlp(weights, biases);
    }

    /**
     * The {@link Trainer} contract's initialisation: {@link #initialize(int[], long)} of {@code architecture}'s widths
     * with the config's seed.
     *
     * @throws IllegalArgumentException unless {@code architecture} is an MLP
     */
    @Override
    public DeterministicMlp initialize(Architecture architecture) {
        if (!architecture.supportsDenseFastPath()) {
            throw new IllegalArgumentException("this trainer trains MLPs only (LikelihoodGraphTrainer trains conv nets), got "
                    + architecture);
        }
        return initialize(architecture.widths(), config.seed());
    }

    /** The {@link Trainer} contract: {@link #train(DeterministicMlp, LabeledData, WeightMask, TrainingListener)} without a mask. */
    @Override
    public DeterministicMlp train(DeterministicMlp network, LabeledData data, TrainingListener listener) {
        return train(network, data, null, listener);
    }

    /** Trains without a mask or listener. */
    public DeterministicMlp train(DeterministicMlp network, LabeledData data) {
        return train(network, data, null, null);
    }

    /**
     * Trains any network from its current weights, the input not modified: an MLP as
     * {@link #train(DeterministicMlp, LabeledData, WeightMask, TrainingListener)}, another network (a conv net) by
     * {@link LikelihoodGraphTrainer}, which has no weight masks.
     *
     * @return the trained network, of the class of {@code network}
     * @throws IllegalArgumentException as that method, or for a mask on a network that is not an MLP
     */
    @SuppressWarnings("unchecked")
    public <N extends DeterministicNetwork> N train(N network, LabeledData data, WeightMask mask,
                                                    TrainingListener listener) {
        Optional<DeterministicMlp> mlp = network.denseFastPath();
        if (mlp.isPresent()) {
            return (N) train(mlp.get(), data, mask, listener);
        }
        if (mask != null) {
            throw new IllegalArgumentException("a weight mask applies to MLPs, not to the "
                    + network.architecture().name() + " net");
        }
        return (N) new LikelihoodGraphTrainer(config).train(network, data, listener);
    }

    /**
     * Runs {@code config.epochs()} epochs of Adam from the network's current weights; the input network is
     * not modified.
     *
     * @param mask     parameters to keep at 0, or {@code null}
     * @param listener its {@link TrainingListener#afterStep} called after every update, or {@code null}
     * @return the trained network (with the mask applied)
     * @throws IllegalArgumentException if the data's feature or class count does not match the network, the
     *                                  data are empty, or the mask is for other widths
     * @throws IllegalStateException    if the loss becomes non-finite (learning rate too large)
     */
    public DeterministicMlp train(DeterministicMlp network, LabeledData data, WeightMask mask,
                                  TrainingListener listener) {
        int[] widths = network.widths();
        if (data.featureCount() != widths[0]) {
            throw new IllegalArgumentException("data have " + data.featureCount() + " features, network expects "
                    + widths[0]);
        }
        if (data.classCount() != widths[widths.length - 1]) {
            throw new IllegalArgumentException("data have " + data.classCount() + " classes, network outputs "
                    + widths[widths.length - 1]);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        if (mask != null) {
            mask.requireFits(widths);
        }
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        List<INDArray> weightKeep = new ArrayList<>();
        List<INDArray> biasKeep = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            INDArray w = network.weight(l);
            INDArray b = network.bias(l).reshape(1, widths[l + 1]);
            if (mask != null) {
                weightKeep.add(mask.weightKeep(l));
                biasKeep.add(mask.biasKeep(l));
                w.muli(weightKeep.get(l));
                b.muli(biasKeep.get(l));
            }
            weights.add(w);
            biases.add(b);
        }
        List<INDArray> readOnlyWeights = java.util.Collections.unmodifiableList(weights);
        AdamOptimizer adam = new AdamOptimizer();
        MinibatchSchedule.run(data, config, (epoch, batch) -> {
            SoftmaxCrossEntropy.LossAndGradient result =
                    SoftmaxCrossEntropy.evaluate(weights, biases, batch.features(), batch.oneHot());
            if (!Double.isFinite(result.loss())) {
                throw new IllegalStateException("loss became " + result.loss() + " at epoch " + epoch
                        + "; lower the learning rate (" + config.learningRate() + ")");
            }
            adam.beginStep();
            double learningRate = config.learningRateAt(adam.step() - 1, data.size());
            for (int l = 0; l < weights.size(); l++) {
                INDArray dW = result.weightGradients().get(l);
                INDArray db = result.biasGradients().get(l);
                if (mask != null) {
                    dW.muli(weightKeep.get(l));
                    db.muli(biasKeep.get(l));
                }
                adam.apply(ParameterKind.WEIGHT.at(l), weights.get(l), dW, learningRate);
                adam.apply(ParameterKind.BIAS.at(l), biases.get(l), db, learningRate);
                if (mask != null) {
                    weights.get(l).muli(weightKeep.get(l));
                    biases.get(l).muli(biasKeep.get(l));
                }
            }
            if (listener != null) {
                listener.afterStep(adam.step(), result.loss(), readOnlyWeights);
            }
            result.close();
        });
        List<INDArray> biasVectors = new ArrayList<>();
        for (INDArray b : biases) {
            biasVectors.add(b.reshape(b.length()));
        }
        DeterministicMlp trained = new DeterministicMlp(weights, biasVectors);
        // the network copied the working arrays; free them now rather than when the collector finds them
        weights.forEach(INDArray::close);
        biases.forEach(INDArray::close);
        return trained;
    }
}
