package org.parsimony.variational.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.stream.IntStream;

/** A fully connected layer {@code h W + b} on flat inputs; a unit owns one weight column. */
public final class DenseLayerType implements LayerType {
    static final DenseLayerType INSTANCE = new DenseLayerType();

    private DenseLayerType() {
    }

    @Override
    public ImageShape preActivationShape(LayerSpec spec, ImageShape in) {
        return ImageShape.flat(spec.units());
    }

    @Override
    public ImageShape outputShape(LayerSpec spec, ImageShape in) {
        return ImageShape.flat(spec.units());
    }

    @Override
    public int fanIn(LayerSpec spec, ImageShape in) {
        return in.features();
    }

    @Override
    public long[] weightShape(LayerSpec spec, ImageShape in) {
        return new long[] {in.features(), spec.units()};
    }

    @Override
    public long[] inputsFedBy(long[] kept, ImageShape produced) {
        int pixels = produced.pixels();
        if (pixels == 1) {
            return kept.clone();
        }
        return Arrays.stream(kept).flatMap(c -> IntStream.range(0, pixels).mapToLong(p -> c * pixels + p)).toArray();
    }

    @Override
    public long[] weightRowsOf(LayerSpec spec, long[] inputs, long inputChannels) {
        return inputs;
    }

    @Override
    public INDArray layout(INDArray h, ImageShape in) {
        return h.rank() == 2 ? h : h.dup('c').reshape('c', h.size(0), in.features());
    }

    @Override
    public SDVariable layout(SDVariable h, boolean image, ImageShape in) {
        return image ? h.reshape(-1, in.features()) : h;
    }

    @Override
    public boolean producesImages() {
        return false;
    }

    @Override
    public INDArray linear(INDArray h, INDArray weight, INDArray bias, LayerSpec spec) {
        return AffineMap.apply(h, weight, bias);
    }

    @Override
    public SDVariable linear(SDVariable h, SDVariable weight, SDVariable bias, LayerSpec spec, String output) {
        return output == null ? h.mmul(weight).add(bias) : h.mmul(weight).add(output, bias);
    }

    @Override
    public SDVariable[] preActivationMoments(SDVariable h, SDVariable mu, SDVariable variance, SDVariable bias,
                                             int units, LayerSpec spec) {
        SDVariable mean = h.mmul(mu).add(bias);
        SDVariable preVariance = h.getSameDiff().math().square(h).mmul(variance);
        return new SDVariable[] {mean, preVariance};
    }

    @Override
    public SDVariable perUnit(SDVariable factors, int units) {
        return factors;
    }

    @Override
    public long[] batchShape(ImageShape shape, int batch) {
        return new long[] {batch, shape.features()};
    }

    @Override
    public VariationalLayer variationalLayer(INDArray mean, INDArray logVariance, INDArray bias, INDArray gate,
                                             BatchNormState norm) {
        return new VariationalDenseParameters(mean, logVariance, bias, gate);
    }

    @Override
    public String unitNoun() {
        return "units";
    }

    @Override
    public String fileName() {
        return "dense";
    }

    @Override
    public void describe(LayerSpec spec, ObjectNode layer) {
    }

    @Override
    public LayerSpec read(int units, LayerFields fields) {
        return LayerSpec.dense(units);
    }

    @Override
    public String toString() {
        return fileName();
    }
}
