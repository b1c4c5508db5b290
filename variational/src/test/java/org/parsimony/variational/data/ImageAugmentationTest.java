package org.parsimony.variational.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.network.ImageShape;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Random crop of the zero-padded image plus horizontal flip: pixel mapping, channels together, seeded draws. */
class ImageAugmentationTest {
    private static final ImageShape IMAGE = new ImageShape(2, 3, 4);

    private static float[] numbered() {
        float[] in = new float[IMAGE.features()];
        for (int i = 0; i < in.length; i++) {
            in[i] = i + 1;
        }
        return in;
    }

    @Test
    void aShiftMovesEveryChannelAndFillsWithZeros() {
        float[] out = new float[IMAGE.features()];
        new ImageAugmentation(IMAGE, 2).transform(numbered(), out, 1, -1, false);
        // out[c, y, x] = in[c, y + 1, x - 1]: row 2 and column 0 fall outside
        assertArrayEquals(new float[] {0, 5, 6, 7, 0, 9, 10, 11, 0, 0, 0, 0, 0, 17, 18, 19, 0, 21, 22, 23, 0, 0, 0, 0}, out);
    }

    @Test
    void aFlipMirrorsEachRowThenTheShiftApplies() {
        float[] out = new float[IMAGE.features()];
        new ImageAugmentation(IMAGE, 2).transform(numbered(), out, 0, 0, true);
        assertArrayEquals(new float[] {4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9, 16, 15, 14, 13, 20, 19, 18, 17, 24, 23, 22, 21}, out);
        new ImageAugmentation(IMAGE, 2).transform(numbered(), out, 0, 1, true);
        // mirrored column x reads x' = 3 - x + 1: x = 0 falls outside
        assertEquals(0f, out[0]);
        assertEquals(4f, out[1]);
    }

    @Test
    void theSameSeedAugmentsTheSameWay() {
        INDArray a = Nd4j.create(DataType.FLOAT, 8, IMAGE.features());
        for (int i = 0; i < 8; i++) {
            a.getRow(i).assign(Nd4j.create(numbered()));
        }
        INDArray b = a.dup();
        INDArray original = a.dup();
        ImageAugmentation augmentation = new ImageAugmentation(IMAGE, 1);
        augmentation.apply(a, new SplittableRandom(3));
        augmentation.apply(b, new SplittableRandom(3));
        assertEquals(a, b);
        assertNotEquals(original, a);
        INDArray c = original.dup();
        augmentation.apply(c, new SplittableRandom(4));
        assertNotEquals(a, c);
    }

    @Test
    void badShapesAndPaddingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation(IMAGE, 3));
        assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation(IMAGE, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageAugmentation(IMAGE, 1).apply(Nd4j.create(DataType.FLOAT, 2, 5), new SplittableRandom(1)));
    }
}
