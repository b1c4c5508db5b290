package org.parsimony.variational.network;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one kind of weight layer does, so that no code outside the layer types asks "is this conv or dense?": its
 * shapes, fan-in, cost, the arrays it is built from, its piece of a forward pass (ND4J and SameDiff), and which of its
 * inputs the kept units of the layer before it feed. The last is the edge of a pruning dependency graph (as
 * Torch-Pruning's {@code DependencyGraph}, Fang et al. 2023): removing a unit or filter of a layer shrinks what each
 * consumer reads of it, dense after flatten included.
 *
 * <p>One implementation per {@link LayerKind}: {@link DenseLayerType} and {@link ConvLayerType}. Every method takes the
 * layer's {@link LayerSpec} and the {@link ImageShape} of one example's activations entering it.
 */
public sealed interface LayerType permits DenseLayerType, ConvLayerType {

    /** Shape of the layer's linear output (before any pooling) for inputs of shape {@code in}. */
    ImageShape preActivationShape(LayerSpec spec, ImageShape in);

    /**
     * Shape of the layer's output after any pooling.
     *
     * @throws IllegalArgumentException if the output would be empty or too large
     */
    ImageShape outputShape(LayerSpec spec, ImageShape in);

    /** Weights per unit: {@code n_in} for a dense layer, {@code k^2 C_in} for a convolution. */
    int fanIn(LayerSpec spec, ImageShape in);

    /** Shape of the weight array: {@code [n_in, n]} or a {@code [kH, kW, C_in, C_out]} kernel. */
    long[] weightShape(LayerSpec spec, ImageShape in);

    /** Multiply-adds per example: {@code fanIn n} per output position. */
    default long multiplyAdds(LayerSpec spec, ImageShape in) {
        return (long) fanIn(spec, in) * spec.units() * preActivationShape(spec, in).pixels();
    }

    /** Parameters: {@code fanIn n + n} (a batch normalisation folds into the layer at inference). */
    default long parameters(LayerSpec spec, ImageShape in) {
        long units = spec.units();
        return fanIn(spec, in) * units + units;
    }

    /**
     * The inputs of this layer read from the channels {@code kept} of the activations {@code produced} by the layer
     * before it: the same indices for a convolution (input channels) and a dense layer on flat inputs (rows); for a
     * dense layer after the flatten the {@code H W} rows {@code c H W + p} of each kept channel {@code c}.
     */
    long[] inputsFedBy(long[] kept, ImageShape produced);

    /**
     * Rows of this layer's {@code [fanIn, n]} weight-column matrix that read the inputs {@code inputs} (from
     * {@link #inputsFedBy}) out of {@code inputChannels}: the same rows for a dense layer, for a convolution repeated at
     * each of the {@code kH kW} kernel positions (row {@code p C_in + c}).
     */
    long[] weightRowsOf(LayerSpec spec, long[] inputs, long inputChannels);

    /**
     * Activations {@code h} laid out as this layer reads them: NCHW {@code [batch, C, H, W]} for a convolution, flat
     * {@code [batch, C H W]} for a dense layer (the NCHW flatten); {@code h} itself when already so.
     */
    INDArray layout(INDArray h, ImageShape in);

    /** The same for a SameDiff graph, where {@code image} says whether {@code h} is NCHW. */
    SDVariable layout(SDVariable h, boolean image, ImageShape in);

    /** Whether the layer's output is NCHW (what {@link #layout(SDVariable, boolean, ImageShape)} of the next expects). */
    boolean producesImages();

    /** The linear map {@code h W + b} or {@code conv(h, W) + b} of inputs in this layer's {@link #layout}. */
    INDArray linear(INDArray h, INDArray weight, INDArray bias, LayerSpec spec);

    /**
     * The same in a graph; {@code output} names the result when not {@code null}. A dense layer adds a bias of shape
     * {@code [n]} or {@code [1, n]}; a convolution reads a bias of {@code n} values.
     */
    SDVariable linear(SDVariable h, SDVariable weight, SDVariable bias, LayerSpec spec, String output);

    /**
     * The local reparameterisation (Kingma, Salimans &amp; Welling 2015) of the layer's pre-activation under a
     * Gaussian weight posterior: its mean {@code linear(h, mu) + b} and variance {@code linear(h^2, sigma^2)}.
     *
     * @return {mean, variance}
     */
    SDVariable[] preActivationMoments(SDVariable h, SDVariable mu, SDVariable variance, SDVariable bias, int units,
                                      LayerSpec spec);

    /** Per-unit factors {@code [batch, n]} (gates) broadcast over this layer's output. */
    SDVariable perUnit(SDVariable factors, int units);

    /** Shape of a batch of {@code batch} activations of shape {@code shape}: {@code [batch, n]} or {@code [batch, C, H, W]}. */
    long[] batchShape(ImageShape shape, int batch);

    /** What the layer's units are called in reports: {@code units} or {@code filters}. */
    String unitNoun();

    /** The layer's kind in a saved model's description, and the prefix of its layer names: {@code dense} or {@code conv}. */
    String fileName();

    /**
     * Adds the fields of {@code spec} beyond its kind and width to its description in a saved model: a convolution's
     * kernel, padding ({@code same} or {@code valid}) and pooling; nothing for a dense layer.
     */
    void describe(LayerSpec spec, com.fasterxml.jackson.databind.node.ObjectNode layer);

    /** The layer of {@code units} units that {@link #describe} wrote into {@code fields}. */
    LayerSpec read(int units, LayerFields fields);

    /** The variational parameters of a layer of this type from its arrays. */
    VariationalLayer variationalLayer(INDArray mean, INDArray logVariance, INDArray bias, INDArray gate,
                                      BatchNormState norm);
}
