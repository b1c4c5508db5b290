package org.parsimony.variational.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.elements.MatrixProduct;

/**
 * The dense layer's affine map {@code h W + b} for row-major inputs {@code [batch, n_in]}, weights {@code [n_in, n_out]}
 * and a bias of {@code n_out} values.
 *
 * <p>Why not {@code h.mmul(W)}: ND4J 1.0.0-M2.1 allocates that result zero-filled and column-major, and the
 * product into an uninitialised row-major array followed by the in-place bias is 1.3-1.6x faster on one thread
 * (measured on 2,000 x 784 inputs: 9.8 vs 14.3 ms at 300 outputs, 1.6 vs 2.5 ms at 30), which is most of an
 * inference pass.
 */
public final class AffineMap {
    private AffineMap() {
    }

    /**
     * {@code h W + b}, a new row-major array.
     *
     * @throws IllegalArgumentException when the shapes do not chain
     */
    public static INDArray apply(INDArray h, INDArray weight, INDArray bias) {
        if (h.rank() != 2 || weight.rank() != 2 || h.size(1) != weight.size(0) || bias.length() != weight.size(1)) {
            throw new IllegalArgumentException("cannot apply weights " + java.util.Arrays.toString(weight.shape())
                    + " and " + bias.length() + " biases to inputs " + java.util.Arrays.toString(h.shape()));
        }
        INDArray out = Nd4j.createUninitialized(h.dataType(), h.size(0), weight.size(1));
        MatrixProduct.gemm(h, weight, out, false, false, 1.0, 0.0);
        return out.addiRowVector(bias);
    }
}
