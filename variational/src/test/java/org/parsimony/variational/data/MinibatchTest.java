package org.parsimony.variational.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.parsimony.variational.elements.NativeArrayPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class MinibatchTest {

    @Test
    void gathersTheIndexedRowsInOrderWithOneHotLabels() {
        // 5 examples of 3 features: example i has features (10 i, 10 i + 1, 10 i + 2) and label i mod 3
        float[] features = new float[15];
        int[] labels = new int[5];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                features[3 * i + k] = 10 * i + k;
            }
            labels[i] = i % 3;
        }
        LabeledData data = new LabeledData(features, labels, 3, 3);
        int[] order = {4, 0, 3, 1, 2};

        Minibatch batch = Minibatch.of(data, order, 1, 4);

        assertEquals(3, batch.size());
        assertEquals(DataType.FLOAT, batch.features().dataType());
        assertArrayEquals(new long[] {3, 3}, batch.features().shape());
        assertArrayEquals(new float[] {0, 1, 2, 30, 31, 32, 10, 11, 12}, batch.features().data().asFloat());
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0, 0, 1, 0}, batch.oneHot().data().asFloat());
        assertArrayEquals(new int[] {0, 0, 1}, batch.labels());
        assertEquals(31f, batch.features().getFloat(1, 1));
    }

    @Test
    void aBatchFromAPoolHoldsTheSameRowsAndReusesTheArraysGivenBack() {
        float[] features = new float[12];
        for (int i = 0; i < 12; i++) {
            features[i] = i * 0.5f;
        }
        LabeledData data = new LabeledData(features, new int[] {0, 1, 1, 0}, 3, 2);
        int[] order = {2, 0, 3, 1};
        NativeArrayPool pool = new NativeArrayPool();

        Minibatch fresh = Minibatch.of(data, order, 0, 2);
        Minibatch pooled = Minibatch.of(data, order, 0, 2, pool);
        assertEquals(fresh.features(), pooled.features());
        assertEquals(fresh.oneHot(), pooled.oneHot());
        assertArrayEquals(fresh.labels(), pooled.labels());
        assertEquals(2, pool.size());

        pool.giveBack(pooled.features());
        pool.giveBack(pooled.oneHot());
        Minibatch next = Minibatch.of(data, order, 2, 4, pool);
        assertEquals(2, pool.size(), "the second batch of the same shape allocates nothing");
        assertSame(pooled.features(), next.features());
        assertEquals(Minibatch.of(data, order, 2, 4).oneHot(), next.oneHot(), "every one-hot entry is rewritten");
        pool.close();
    }
}
