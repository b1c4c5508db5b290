package org.parsimony.variational.graph;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link RowChunks}: whole rows per chunk, factors laid out over a chunk, partial sums folded per unit. */
class RowChunksTest {

    @Test
    void aChunkHoldsWholeRowsAndAtLeastOne() {
        assertEquals(RowChunks.ELEMENTS / 7 * 7, new RowChunks(7).length());
        assertEquals(RowChunks.ELEMENTS, new RowChunks(RowChunks.ELEMENTS).length());
        assertEquals(1500, new RowChunks(1500).length());
        RowChunks chunks = new RowChunks(300);
        assertEquals(900, chunks.length());
        assertEquals(900, chunks.length(0, 2100));
        assertEquals(300, chunks.length(1800, 2100));
        assertThrows(IllegalArgumentException.class, () -> new RowChunks(0));
    }

    @Test
    void aBlockEndsEveryBlockChunksAndAtTheLastChunk() {
        RowChunks chunks = new RowChunks(300); // 900 elements a chunk
        int n = 40 * 900 + 300; // 40 full chunks and a partial one
        StringBuilder ends = new StringBuilder();
        for (int base = 0; base < n; base += chunks.length()) {
            if (chunks.endsBlock(base, n, 16)) {
                ends.append(base / chunks.length()).append(' ');
            }
        }
        assertEquals("15 31 40 ", ends.toString());
        assertEquals(true, chunks.endsBlock(0, 900, 16));
        assertEquals(false, chunks.endsBlock(0, 901, 16));
    }

    @Test
    void repeatsFactorsPerUnitAndFoldsPartialSumsPerUnit() {
        RowChunks chunks = new RowChunks(400);
        float[] repeated = chunks.repeat(new double[400]);
        assertEquals(800, repeated.length);
        double[] factor = new double[400];
        for (int j = 0; j < 400; j++) {
            factor[j] = j + 0.5;
        }
        repeated = chunks.repeat(factor);
        assertEquals(3.5f, repeated[3]);
        assertEquals(3.5f, repeated[403]);
        float[] part = new float[800];
        part[0] = 2;
        part[400] = 3;
        part[401] = 4;
        double[] wide = new double[400];
        wide[0] = 1;
        chunks.fold(part, wide);
        assertEquals(6, wide[0]);
        assertEquals(4, wide[1]);
        assertArrayEquals(new float[800], part);
    }
}
