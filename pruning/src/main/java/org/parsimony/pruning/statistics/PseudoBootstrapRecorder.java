package org.parsimony.pruning.statistics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.variational.training.TrainingListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The "pseudo bootstrap" uncertainty of a deterministic network's weights (Ko, Oehmcke &amp; Gieseke,
 * "Magnitude and Uncertainty Pruning Criterion for Neural Networks", IEEE Big Data 2019): the weight values
 * seen over the last {@code K} optimizer updates are treated as resamples of each weight, and their spread
 * estimates its standard error.
 *
 * <p>Kept as a ring buffer of the last {@code K} <em>iterates</em> {@code w^(t-K+1), ..., w^(t)} (the weight
 * values after each update, not the update steps {@code w^(t) - w^(t-1)}). The paper's abstract says the
 * scheme "uses the weights' update information during training"; its full text (the exact window and
 * whether it resamples iterates or updates) could not be reached from here, so this resamples iterates, with the
 * window configurable, default {@value #DEFAULT_WINDOW}. Per weight, over the
 * {@code n = min(K, recorded)} buffered iterates:
 * {@code mean = (1/n) sum_k w^(k)}, {@code variance = (1/(n-1)) sum_k (w^(k) - mean)^2} (two passes, in double).
 *
 * <p>Only weights are recorded (criteria score weight groups; biases are not scored), each layer as a
 * {@code [fanIn, units]} matrix, so a convolution's filters are its columns. Attach it to
 * {@link org.parsimony.pruning.finetune.DeterministicTrainer} or
 * {@link org.parsimony.pruning.finetune.LikelihoodGraphTrainer} as its step listener, then build statistics
 * with {@link PosteriorStatistics#fromPseudoBootstrap}. Memory: {@code K} float copies of every weight, on the Java heap.
 */
public final class PseudoBootstrapRecorder implements TrainingListener {
    /** Default window {@code K}: the last 50 updates. */
    public static final int DEFAULT_WINDOW = 50;

    private final int window;
    private final List<float[][]> slots = new ArrayList<>();
    private long[][] shapes;
    private long recorded;

    /** A recorder with the default window. */
    public PseudoBootstrapRecorder() {
        this(DEFAULT_WINDOW);
    }

    /** @throws IllegalArgumentException unless {@code window >= 2} (a variance needs two values) */
    public PseudoBootstrapRecorder(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("the pseudo-bootstrap window needs at least 2 iterates, got " + window);
        }
        this.window = window;
    }

    @Override
    public void afterStep(long step, double loss, List<INDArray> weights) {
        record(weights);
    }

    /**
     * Records one iterate: a copy of every layer's weight matrix {@code [fanIn, units]} (a dense layer's weights, or a
     * convolution kernel reshaped so that column {@code j} is filter {@code j}'s weights).
     *
     * @throws IllegalArgumentException if an array is not a matrix or the shapes differ from the earlier iterates (a
     *                                  network changed by surgery needs a new recorder)
     */
    public void record(List<INDArray> weights) {
        long[][] iterate = shapesOf(weights);
        if (shapes == null) {
            shapes = iterate;
            for (int l = 0; l < weights.size(); l++) {
                slots.add(new float[window][]);
            }
        } else if (!Arrays.deepEquals(shapes, iterate)) {
            throw new IllegalArgumentException("recorder holds iterates of shapes " + Arrays.deepToString(shapes)
                    + ", got shapes " + Arrays.deepToString(iterate) + "; use a new recorder after surgery");
        }
        int slot = (int) (recorded % window);
        for (int l = 0; l < weights.size(); l++) {
            slots.get(l)[slot] = rowMajorValues(weights.get(l));
        }
        recorded++;
    }

    private static float[] rowMajorValues(INDArray w) {
        if (w.dataType() == DataType.FLOAT && w.ordering() == 'c' && !w.isView()) {
            float[] values = w.data().asFloat();
            if (values.length == w.length()) {
                return values;
            }
        }
        return w.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static long[][] shapesOf(List<INDArray> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("need at least one weight matrix");
        }
        long[][] s = new long[weights.size()][];
        for (int l = 0; l < weights.size(); l++) {
            if (weights.get(l).rank() != 2) {
                throw new IllegalArgumentException("weights must be [fanIn, units] matrices; layer " + l + " has shape "
                        + Arrays.toString(weights.get(l).shape()));
            }
            s[l] = weights.get(l).shape().clone();
        }
        return s;
    }

    /** The window {@code K}. */
    public int window() {
        return window;
    }

    /** Iterates currently in the window, {@code min(K, recorded)}. */
    public int size() {
        return (int) Math.min(window, recorded);
    }

    /** Iterates recorded in total. */
    public long recorded() {
        return recorded;
    }

    /** Shape {@code [fanIn, units]} of layer {@code l}'s recorded matrices. */
    public long[] matrixShape(int l) {
        requireLayer(l);
        return shapes[l].clone();
    }

    /** Number of layers recorded, 0 before the first iterate. */
    public int layerCount() {
        return shapes == null ? 0 : shapes.length;
    }

    /** The buffered iterates of layer {@code l}, oldest first, as {@code float} copies. */
    public List<INDArray> history(int l) {
        requireLayer(l);
        List<INDArray> ordered = new ArrayList<>();
        for (float[] values : ordered(l)) {
            ordered.add(Nd4j.create(values.clone(), shapes[l].clone(), 'c'));
        }
        return ordered;
    }

    /** Per-weight mean over the window, {@code double}. */
    public INDArray mean(int l) {
        requireLayer(l);
        return matrix(l, means(ordered(l)));
    }

    /**
     * Per-weight sample variance over the window (denominator {@code n - 1}), {@code double}.
     *
     * @throws IllegalStateException with fewer than two iterates recorded
     */
    public INDArray variance(int l) {
        requireLayer(l);
        if (size() < 2) {
            throw new IllegalStateException("a variance needs at least 2 recorded iterates, have " + size());
        }
        List<float[]> iterates = ordered(l);
        double[] mean = means(iterates);
        double[] sumSquares = new double[mean.length];
        for (float[] values : iterates) {
            for (int i = 0; i < mean.length; i++) {
                double d = values[i] - mean[i];
                sumSquares[i] += d * d;
            }
        }
        for (int i = 0; i < mean.length; i++) {
            sumSquares[i] /= iterates.size() - 1;
        }
        return matrix(l, sumSquares);
    }

    /** Per-weight standard deviation over the window, {@code sqrt(variance)}. */
    public INDArray standardDeviation(int l) {
        return Transforms.sqrt(variance(l), false);
    }

    private List<float[]> ordered(int l) {
        List<float[]> ordered = new ArrayList<>();
        for (long k = recorded - size(); k < recorded; k++) {
            ordered.add(slots.get(l)[(int) (k % window)]);
        }
        return ordered;
    }

    private static double[] means(List<float[]> iterates) {
        double[] sum = new double[iterates.get(0).length];
        for (float[] values : iterates) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += values[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= iterates.size();
        }
        return sum;
    }

    private INDArray matrix(int l, double[] values) {
        return Nd4j.create(values, shapes[l].clone(), 'c');
    }

    private void requireLayer(int l) {
        if (shapes == null) {
            throw new IllegalStateException("nothing recorded yet");
        }
        if (l < 0 || l >= shapes.length) {
            throw new IllegalArgumentException("layer " + l + " outside 0.." + (shapes.length - 1));
        }
    }
}
