package org.parsimony.pruning;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ConvPadding;
import org.parsimony.variational.network.DeterministicConvNet;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A conv net small enough for tests on synthetic 8x8 images: conv 3x3-4 (valid) + 2x2 pool -> 4x3x3, conv 2x2-3 (valid)
 * -> 3x2x2, flatten (12), dense 5, dense 3 classes.
 */
public final class TinyConvNet {
    /** The architecture. */
    public static final Architecture ARCHITECTURE = new Architecture("tiny", new ImageShape(1, 8, 8),
            List.of(LayerSpec.conv(4, 3, ConvPadding.VALID, true), LayerSpec.conv(3, 2, ConvPadding.VALID, false),
                    LayerSpec.dense(5), LayerSpec.dense(3)));

    private TinyConvNet() {
    }

    /** Synthetic 8x8 images (64 features), 3 classes. */
    public static LabeledData images(int n, long seed) {
        return SyntheticData.blobs(n, 64, 3, seed);
    }

    /** {@code network} with layer {@code layer}'s weights replaced by {@code weight}. */
    public static DeterministicNetwork withWeight(DeterministicNetwork network, int layer, INDArray weight) {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            w.add(l == layer ? weight : network.weight(l));
            b.add(network.bias(l));
        }
        return new DeterministicConvNet(network.architecture(), w, b);
    }
}
