package org.parsimony.dl4j;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a DL4J layer type does to the units (dense) or channels (conv) that flow through it, and how its parameters
 * are cut when some of them are removed. Only these types are understood; a group that meets any other layer is left
 * alone by {@link DependencyGraph}.
 *
 * <p>Parameter shapes (DL4J 1.0.0-M2.1): dense and output layers {@code W [nIn, nOut]}, {@code b [1, nOut]};
 * convolutions {@code W [nOut, nIn, kH, kW]}, {@code b [1, nOut]}; batch normalisation {@code gamma, beta, mean,
 * var} (or {@code log10stdev}) each {@code [1, n]} (vectors may also come as rank 1, {@code [n]}).
 */
enum LayerKind {
    /** {@link DenseLayer} or {@link OutputLayer}: its units are a group; its inputs are the rows of {@code W}. */
    DENSE,
    /** {@link ConvolutionLayer} (2D, not depthwise/separable): its filters are a group; its inputs are {@code W}'s axis 1. */
    CONV,
    /** {@link BatchNormalization}: every parameter vector follows the channels (or units) it normalises. */
    BATCH_NORM,
    /** {@link SubsamplingLayer}, {@link ActivationLayer}, {@link DropoutLayer}: channels pass through one to one. */
    PASS_THROUGH;

    /** The kind of {@code layer}, or {@code null} for a type whose effect on channels is not known here. */
    static LayerKind of(Layer layer) {
        Class<?> type = layer.getClass();
        if (type == DenseLayer.class || type == OutputLayer.class) {
            return DENSE;
        }
        if (type == ConvolutionLayer.class) {
            return CONV;
        }
        if (type == BatchNormalization.class) {
            return BATCH_NORM;
        }
        if (type == SubsamplingLayer.class || type == ActivationLayer.class || type == DropoutLayer.class) {
            return PASS_THROUGH;
        }
        return null;
    }

    /** Whether this kind's outputs can be removed (dense units, conv filters); an output layer's are the classes. */
    boolean produces(Layer layer) {
        return (this == DENSE && layer.getClass() == DenseLayer.class) || this == CONV;
    }

    /** Whether this kind reads its input through weights whose input rows/channels can be cut. */
    boolean consumes() {
        return this == DENSE || this == CONV;
    }

    /**
     * A producer's weight groups as a {@code double} {@code [fanIn, units]} matrix, column {@code j} unit/filter
     * {@code j}'s incoming weights (a filter's {@code W[j, :, :, :]} row-major), the layout our criteria score.
     */
    INDArray weightColumns(INDArray w) {
        INDArray d = w.castTo(DataType.DOUBLE);
        return switch (this) {
            case DENSE -> d.dup('c');
            case CONV -> d.dup('c').reshape('c', w.size(0), w.length() / w.size(0)).transpose().dup('c');
            default -> throw new IllegalStateException(this + " has no weights");
        };
    }

    /** Parameter {@code key} of a producer ({@code W}, {@code b}) or follower with only the outputs {@code kept}. */
    INDArray keepOutputs(String key, INDArray p, long[] kept) {
        if (this == PASS_THROUGH) {
            throw new IllegalStateException("a pass-through layer has no parameters");
        }
        // vectors (biases, batch-norm parameters) are [n] or [1, n]: their units lie along the last axis
        int axis = key.equals("W") ? (this == CONV ? 0 : 1) : p.rank() - 1;
        return select(p, axis, kept);
    }

    /** Parameter {@code key} of a consumer with only the input rows/channels {@code kept}; its bias is unchanged. */
    INDArray keepInputs(String key, INDArray p, long[] kept) {
        if (!key.equals("W")) {
            return p;
        }
        return select(p, this == DENSE ? 0 : 1, kept);
    }

    /** A copy of {@code p} in which the consumer inputs {@code removed} carry zero weight (the masked network). */
    INDArray zeroInputs(String key, INDArray p, long[] removed) {
        INDArray masked = p.dup(p.ordering());
        if (!key.equals("W") || removed.length == 0) {
            return masked;
        }
        int axis = this == DENSE ? 0 : 1;
        for (long r : removed) {
            INDArrayIndex[] index = new INDArrayIndex[p.rank()];
            for (int d = 0; d < index.length; d++) {
                index[d] = d == axis ? NDArrayIndex.point(r) : NDArrayIndex.all();
            }
            masked.get(index).assign(0); // a view: put() with an indices() index does not write through in ND4J M2.1
        }
        return masked;
    }

    /** Sets the configuration's width after surgery: {@code nOut} of a producer, both of a batch normalisation. */
    void setOutputs(Layer layer, long n) {
        if (layer instanceof FeedForwardLayer f) {
            f.setNOut(n);
            if (this == BATCH_NORM) {
                f.setNIn(n);
            }
        }
    }

    private static INDArray select(INDArray p, int axis, long[] kept) {
        return p.get(indices(p.rank(), axis, kept)).dup(p.ordering());
    }

    private static INDArrayIndex[] indices(int rank, int axis, long[] chosen) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        for (int d = 0; d < rank; d++) {
            index[d] = d == axis ? NDArrayIndex.indices(chosen) : NDArrayIndex.all();
        }
        return index;
    }
}
