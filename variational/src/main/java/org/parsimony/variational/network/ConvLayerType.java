package org.parsimony.variational.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution (stride 1 unless its {@link LayerSpec#stride()} says otherwise) on NCHW inputs with YXIO kernels
 * ({@link ConvolutionSettings}), optionally followed by a 2x2 max pooling or a global average pooling; a unit (filter)
 * owns one kernel {@code W[:, :, :, j]}. A {@code k x k} convolution with
 * {@code C_in} input and {@code C_out} output channels on an {@code H_out x W_out} output has
 * {@code k^2 C_in C_out + C_out} parameters and {@code H_out W_out k^2 C_in C_out} multiply-adds per example (zero
 * padding counted as if multiplied).
 */
public final class ConvLayerType implements LayerType {
    static final ConvLayerType INSTANCE = new ConvLayerType();

    private ConvLayerType() {
    }

    @Override
    public ImageShape preActivationShape(LayerSpec spec, ImageShape in) {
        return new ImageShape(spec.units(), convolved(spec, in.height()), convolved(spec, in.width()));
    }

    /** Output size of the convolution along a side of {@code n}: {@code ceil((n - shrink) / stride)}. */
    private static int convolved(LayerSpec spec, int n) {
        int shrink = spec.padding() == ConvPadding.VALID ? spec.kernel() - 1 : 0;
        return n - shrink <= 0 ? n - shrink : (n - shrink + spec.stride() - 1) / spec.stride();
    }

    @Override
    public ImageShape outputShape(LayerSpec spec, ImageShape in) {
        int h = convolved(spec, in.height()); // not preActivationShape: an ImageShape refuses the sizes checked here
        int w = convolved(spec, in.width());
        if ((double) spec.units() * h * w > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer " + spec + " outputs " + spec.units() + " x " + h + " x " + w
                    + " values per example, more than " + Integer.MAX_VALUE);
        }
        if (spec.pool()) {
            h /= 2;
            w /= 2;
        }
        if (spec.globalPool() && h > 0 && w > 0) {
            h = 1;
            w = 1;
        }
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("layer " + spec + " leaves no pixels of a " + in.height() + "x" + in.width()
                    + " input");
        }
        return new ImageShape(spec.units(), h, w);
    }

    @Override
    public int fanIn(LayerSpec spec, ImageShape in) {
        return spec.kernel() * spec.kernel() * in.channels();
    }

    @Override
    public long[] weightShape(LayerSpec spec, ImageShape in) {
        return new long[] {spec.kernel(), spec.kernel(), in.channels(), spec.units()};
    }

    @Override
    public long[] inputsFedBy(long[] kept, ImageShape produced) {
        return kept.clone();
    }

    @Override
    public long[] weightRowsOf(LayerSpec spec, long[] inputs, long inputChannels) {
        int positions = spec.kernel() * spec.kernel();
        long[] rows = new long[positions * inputs.length];
        for (int p = 0; p < positions; p++) {
            for (int k = 0; k < inputs.length; k++) {
                rows[p * inputs.length + k] = p * inputChannels + inputs[k];
            }
        }
        return rows;
    }

    @Override
    public INDArray layout(INDArray h, ImageShape in) {
        return h.rank() == 4 ? h : h.reshape('c', h.size(0), in.channels(), in.height(), in.width());
    }

    @Override
    public SDVariable layout(SDVariable h, boolean image, ImageShape in) {
        return image ? h : h.reshape(-1, in.channels(), in.height(), in.width());
    }

    @Override
    public boolean producesImages() {
        return true;
    }

    @Override
    public INDArray linear(INDArray h, INDArray weight, INDArray bias, LayerSpec spec) {
        return Nd4j.cnn().conv2d(h, weight, bias, ConvolutionSettings.convolution(spec));
    }

    @Override
    public SDVariable linear(SDVariable h, SDVariable weight, SDVariable bias, LayerSpec spec, String output) {
        return h.getSameDiff().cnn().conv2d(h, weight, bias, ConvolutionSettings.convolution(spec));
    }

    @Override
    public SDVariable[] preActivationMoments(SDVariable h, SDVariable mu, SDVariable variance, SDVariable bias,
                                             int units, LayerSpec spec) {
        Conv2DConfig convolution = ConvolutionSettings.convolution(spec);
        SDVariable mean = h.getSameDiff().cnn().conv2d(h, mu, bias.reshape(units), convolution);
        SDVariable preVariance = h.getSameDiff().cnn().conv2d(h.getSameDiff().math().square(h), variance, convolution);
        return new SDVariable[] {mean, preVariance};
    }

    @Override
    public SDVariable perUnit(SDVariable factors, int units) {
        return factors.reshape(-1, units, 1, 1);
    }

    @Override
    public long[] batchShape(ImageShape shape, int batch) {
        return new long[] {batch, shape.channels(), shape.height(), shape.width()};
    }

    @Override
    public VariationalLayer variationalLayer(INDArray mean, INDArray logVariance, INDArray bias, INDArray gate,
                                             BatchNormState norm) {
        return new VariationalConvParameters(mean, logVariance, bias, gate, norm);
    }

    @Override
    public String unitNoun() {
        return "filters";
    }

    @Override
    public String fileName() {
        return "conv";
    }

    @Override
    public void describe(LayerSpec spec, ObjectNode layer) {
        layer.put("kernel", spec.kernel());
        layer.put("padding", spec.padding() == ConvPadding.SAME ? "same" : "valid");
        layer.put("pool", spec.pool());
        if (spec.stride() != 1) {
            layer.put("stride", spec.stride());
        }
        if (spec.globalPool()) {
            layer.put("globalPool", true);
        }
        if (spec.wiring().source() != 1) {
            layer.put("source", spec.wiring().source());
        }
        if (spec.wiring().shortcut() != 0) {
            layer.put("shortcut", spec.wiring().shortcut());
        }
        if (spec.wiring().projection()) {
            layer.put("projection", true);
        }
    }

    @Override
    public LayerSpec read(int units, LayerFields fields) {
        String padding = fields.text("padding");
        if (!padding.equals("same") && !padding.equals("valid")) {
            throw fields.error("padding must be \"same\" or \"valid\", got \"" + padding + "\"");
        }
        boolean pool = fields.flag("pool");
        LayerSpec layer = LayerSpec.conv(units, fields.positiveInt("kernel"),
                padding.equals("same") ? ConvPadding.SAME : ConvPadding.VALID, pool);
        try {
            return new LayerSpec(layer.kind(), units, layer.kernel(), layer.padding(), pool, false,
                    fields.optionalInt("stride", 1), fields.optionalFlag("globalPool"),
                    new LayerWiring(fields.optionalInt("source", 1), fields.optionalInt("shortcut", 0),
                            fields.optionalFlag("projection")));
        } catch (IllegalArgumentException e) {
            throw fields.error(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return fileName();
    }
}
