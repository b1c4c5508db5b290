package org.parsimony.variational.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The batch normalisation of a convolution's filters (Ioffe &amp; Szegedy 2015): filter {@code j}'s output
 * {@code a_j} becomes {@code gamma_j (a_j - m_j) / sqrt(v_j + EPSILON) + beta_j}. In training {@code m_j, v_j} are the
 * minibatch's mean and (population) variance over examples and positions; at inference they are the statistics of the
 * training data ({@code mean}, {@code variance}). Every array is per filter, {@code [1, C_out]}, so a filter removed
 * with its gate takes its scale, shift and statistics with it ({@link #keepUnits}).
 *
 * <p>At inference the normalisation is an affine map per filter and folds into the convolution ({@link #fold}):
 * {@code W'_{:,:,:,j} = s_j W_{:,:,:,j}} and {@code b'_j = s_j (b_j - m_j) + beta_j} with
 * {@code s_j = gamma_j / sqrt(v_j + EPSILON)}, exact with any padding, since it acts after the convolution.
 *
 * @param scale    {@code gamma}, trained
 * @param shift    {@code beta}, trained
 * @param mean     inference mean {@code m}
 * @param variance inference variance {@code v}, non-negative
 */
public record BatchNormState(INDArray scale, INDArray shift, INDArray mean, INDArray variance) {
    /** Added to the variance under the square root (PyTorch's and Keras' default order of magnitude). */
    public static final double EPSILON = 1e-5;

    /** @throws IllegalArgumentException unless all four are {@code [1, n]} */
    public BatchNormState {
        for (INDArray a : new INDArray[] {scale, shift, mean, variance}) {
            if (a == null || a.rank() != 2 || a.size(0) != 1 || a.size(1) != scale.size(1)) {
                throw new IllegalArgumentException("batch-norm scale, shift, mean and variance must all be [1, n], got "
                        + (a == null ? "null" : Arrays.toString(a.shape())));
            }
        }
    }

    /** The identity at initialisation: scale 1, shift 0, mean 0, variance 1. */
    public static BatchNormState initial(int filters) {
        return new BatchNormState(Nd4j.ones(DataType.FLOAT, 1, filters), Nd4j.zeros(DataType.FLOAT, 1, filters),
                Nd4j.zeros(DataType.FLOAT, 1, filters), Nd4j.ones(DataType.FLOAT, 1, filters));
    }

    /** Number of filters. */
    public int units() {
        return (int) scale.size(1);
    }

    /** A copy keeping filters {@code kept}. */
    public BatchNormState keepUnits(long[] kept) {
        return new BatchNormState(UnitSelection.columns(scale, kept), UnitSelection.columns(shift, kept),
                UnitSelection.columns(mean, kept), UnitSelection.columns(variance, kept));
    }

    /** A copy of all four arrays. */
    public BatchNormState copy() {
        return new BatchNormState(scale.dup(), shift.dup(), mean.dup(), variance.dup());
    }

    /** Per filter {@code s_j = gamma_j / sqrt(v_j + EPSILON)} for variances {@code v} ({@code [n]}), a vector {@code [n]}. */
    private INDArray factor(INDArray channelVariance) {
        return scale.castTo(DataType.FLOAT).reshape(units()).div(Transforms.sqrt(channelVariance.add(EPSILON), false));
    }

    private static INDArray vector(INDArray row) {
        return row.castTo(DataType.FLOAT).reshape(row.length());
    }

    /**
     * The kernel and bias of the convolution followed by this normalisation at inference.
     *
     * @param kernel {@code [kH, kW, C_in, C_out]}
     * @param bias   {@code [C_out]}
     * @return {@code {W', b'}}, new arrays
     */
    public INDArray[] fold(INDArray kernel, INDArray bias) {
        INDArray s = factor(vector(variance));
        INDArray folded = Broadcast.mul(kernel.castTo(DataType.FLOAT).dup(), s, Nd4j.createUninitialized(DataType.FLOAT,
                kernel.shape()), 3);
        INDArray b = vector(bias).sub(vector(mean)).muli(s).addi(vector(shift));
        return new INDArray[] {folded, b};
    }

    /** Normalises NCHW activations {@code [b, C, H, W]} with the inference statistics (in place). */
    public INDArray normalize(INDArray activations) {
        return normalize(activations, vector(mean), vector(variance));
    }

    /**
     * Normalises NCHW activations {@code [b, C, H, W]} in place by the given per-channel mean and variance ({@code [C]}),
     * then scales and shifts them.
     */
    INDArray normalize(INDArray activations, INDArray channelMean, INDArray channelVariance) {
        INDArray s = factor(channelVariance);
        INDArray offset = vector(shift).sub(channelMean.mul(s));
        Broadcast.mul(activations, s, activations, 1);
        return Broadcast.add(activations, offset, activations, 1);
    }
}
