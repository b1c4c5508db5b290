package org.parsimony.pruning.statistics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.parsimony.pruning.finetune.TrainingStepListener;

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
 * whether it resamples iterates or updates) could not be reached from here, so this follows
 * {@code shared/methods.md}: iterates, window configurable, default {@value #DEFAULT_WINDOW}. Per weight, over the
 * {@code n = min(K, recorded)} buffered iterates:
 * {@code mean = (1/n) sum_k w^(k)}, {@code variance = (1/(n-1)) sum_k (w^(k) - mean)^2} (two passes, in double).
 *
 * <p>Only weights are recorded (criteria score weight groups; biases are not scored). Attach it to
 * {@link org.parsimony.pruning.finetune.DeterministicTrainer} as its step listener, then build statistics
 * with {@link PosteriorStatistics#fromPseudoBootstrap}. Memory: {@code K} float copies of every weight, on the Java heap.
 */
public final class PseudoBootstrapRecorder implements TrainingStepListener {
    /** Default window {@code K}: the last 50 updates. */
    public static final int DEFAULT_WINDOW = 50;

    private final int window;
    private final List<float[][]> slots = new ArrayList<>();
    private int[] widths;
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
     * Records one iterate: a copy of every layer's weight matrix.
     *
     * @throws IllegalArgumentException if the shapes differ from the earlier iterates (a network changed by
     *                                  surgery needs a new recorder)
     */
    public void record(List<INDArray> weights) {
        int[] shapes = widthsOf(weights);
        if (widths == null) {
            widths = shapes;
            for (int l = 0; l < weights.size(); l++) {
                slots.add(new float[window][]);
            }
        } else if (!Arrays.equals(widths, shapes)) {
            throw new IllegalArgumentException("recorder holds iterates of widths " + Arrays.toString(widths)
                    + ", got widths " + Arrays.toString(shapes) + "; use a new recorder after surgery");
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

    private static int[] widthsOf(List<INDArray> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("need at least one weight matrix");
        }
        int[] w = new int[weights.size() + 1];
        w[0] = (int) weights.get(0).size(0);
        for (int l = 0; l < weights.size(); l++) {
            if (weights.get(l).rank() != 2 || (l > 0 && weights.get(l).size(0) != w[l])) {
                throw new IllegalArgumentException("weights must be chaining matrices; layer " + l + " has shape "
                        + Arrays.toString(weights.get(l).shape()));
            }
            w[l + 1] = (int) weights.get(l).size(1);
        }
        return w;
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

    /** Widths {@code n_0, ..., n_L} of the recorded network, or {@code null} before the first iterate. */
    public int[] widths() {
        return widths == null ? null : widths.clone();
    }

    /** The buffered iterates of layer {@code l}, oldest first, as {@code float} copies. */
    public List<INDArray> history(int l) {
        requireLayer(l);
        List<INDArray> ordered = new ArrayList<>();
        for (float[] values : ordered(l)) {
            ordered.add(Nd4j.create(values.clone(), new long[] {widths[l], widths[l + 1]}, 'c'));
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
        return Nd4j.create(values, new long[] {widths[l], widths[l + 1]}, 'c');
    }

    private void requireLayer(int l) {
        if (widths == null) {
            throw new IllegalStateException("nothing recorded yet");
        }
        if (l < 0 || l >= widths.length - 1) {
            throw new IllegalArgumentException("layer " + l + " outside 0.." + (widths.length - 2));
        }
    }
}
