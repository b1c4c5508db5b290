package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Conv nets on C-channel images: shapes and counts of the references, and the channel layout of a flat input row. */
class ColourImageConvTest {
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    @Test
    void lenet5OnColourImagesHasThreeChannelKernelsAndCountsThem() {
        Architecture lenet = Architecture.forImages("lenet5", CIFAR, 10);
        assertArrayEquals(new int[] {3072, 20, 50, 500, 10}, lenet.widths());
        assertEquals(75, lenet.fanIn(0));
        assertEquals(new ImageShape(50, 5, 5), lenet.outputShape(1));
        // conv1 5*5*3*20 + 20, conv2 25*20*50 + 50, dense 1250*500 + 500, output 500*10 + 10
        assertEquals(1520 + 25050 + 625500 + 5010, lenet.complexity().parameters());
        assertEquals(28 * 28 * 75 * 20 + 10 * 10 * 500 * 50 + 1250 * 500 + 5000, lenet.complexity().multiplyAdds());
        VariationalNetwork network = VariationalNetwork.initialize(lenet, 0.01, 0.9, 1);
        assertArrayEquals(new long[] {5, 5, 3, 20}, network.layer(0).weightMean().shape());
        assertArrayEquals(new long[] {4, 20, 28, 28}, network.noiseShape(0, 4));
    }

    @Test
    void nonSquareImagesAreRefusedNamingTheirShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.forImages("vgg", new ImageShape(3, 16, 64), 10));
        assertEquals("vgg takes square images (3x32x32 for 3072 pixels), the data's images are 3x16x64", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Architecture.forImages("lenet5", ImageShape.flat(784), 10));
    }

    /**
     * A flat row holds the planes one after the other ({@code c H W + y W + x}, CIFAR-10's R, G, B order): the network's
     * output equals a convolution written out by hand over that layout, so a channel or axis mix-up would show.
     */
    @Test
    void aFlatRowIsReadAsChannelPlanes() {
        ImageShape image = new ImageShape(3, 5, 4);
        Architecture architecture = new Architecture("tiny", image,
                List.of(LayerSpec.conv(2, 3, ConvPadding.VALID, false), LayerSpec.dense(3)));
        Random random = new Random(7);
        double[][][][] kernel = new double[3][3][3][2];
        INDArray w0 = Nd4j.create(DataType.FLOAT, 3, 3, 3, 2);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 3; c++) {
                    for (int f = 0; f < 2; f++) {
                        kernel[y][x][c][f] = random.nextGaussian();
                        w0.putScalar(new long[] {y, x, c, f}, kernel[y][x][c][f]);
                    }
                }
            }
        }
        INDArray b0 = Nd4j.create(new float[] {0.1f, -0.2f});
        int outH = 3;
        int outW = 2;
        INDArray w1 = Nd4j.rand(DataType.FLOAT, 2 * outH * outW, 3).subi(0.5);
        INDArray b1 = Nd4j.create(new float[] {0.3f, 0f, -0.1f});
        DeterministicNetwork net = DeterministicNetwork.of(architecture, List.of(w0, w1), List.of(b0, b1));

        float[] row = new float[image.features()];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) random.nextGaussian();
        }
        double[] hidden = new double[2 * outH * outW];
        for (int f = 0; f < 2; f++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double sum = b0.getDouble(f);
                    for (int c = 0; c < 3; c++) {
                        for (int ky = 0; ky < 3; ky++) {
                            for (int kx = 0; kx < 3; kx++) {
                                sum += kernel[ky][kx][c][f] * row[c * 20 + (oy + ky) * 4 + ox + kx];
                            }
                        }
                    }
                    hidden[f * outH * outW + oy * outW + ox] = Math.max(0, sum);
                }
            }
        }
        INDArray logits = net.logits(Nd4j.create(row, 1, row.length));
        for (int k = 0; k < 3; k++) {
            double expected = b1.getDouble(k);
            for (int i = 0; i < hidden.length; i++) {
                expected += hidden[i] * w1.getDouble(i, k);
            }
            assertEquals(expected, logits.getDouble(0, k), 1e-4);
        }
    }
}
