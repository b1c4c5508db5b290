package org.parsimony.variational.network;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The ND4J/SameDiff configurations of our convolutions and poolings, in one place so that the variational graph and
 * the deterministic network compute exactly the same operation: the layer's stride (1 but in a residual network's
 * downsampling layers), no dilation, NCHW activations, YXIO
 * kernels; pooling 2x2 max with stride 2 and no padding.
 */
public final class ConvolutionSettings {
    private ConvolutionSettings() {
    }

    /** The convolution of a conv layer {@code layer}. */
    public static Conv2DConfig convolution(LayerSpec layer) {
        if (layer.padding() == null) {
            throw new IllegalArgumentException("not a convolution: " + layer);
        }
        return Conv2DConfig.builder().kH(layer.kernel()).kW(layer.kernel()).sH(layer.stride()).sW(layer.stride()).dH(1).dW(1).pH(0).pW(0)
                .paddingMode(layer.padding() == ConvPadding.SAME ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
    }

    /** 2x2 max pooling with stride 2 on NCHW activations. */
    public static Pooling2DConfig maxPooling() {
        return Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).pH(0).pW(0).dH(1).dW(1)
                .type(Pooling2D.Pooling2DType.MAX).paddingMode(PaddingMode.VALID).isNHWC(false).build();
    }
}
