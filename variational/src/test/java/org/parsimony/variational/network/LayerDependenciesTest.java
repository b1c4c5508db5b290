package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pruning dependency graph: which inputs and weight rows of the next layer a kept unit or filter feeds. */
class LayerDependenciesTest {
    // 1x8x8 -> conv3x3-4 valid + pool -> 4x3x3 -> conv2x2-3 valid -> 3x2x2 -> flatten 12 -> dense 5 -> dense 2
    private static final Architecture NET = new Architecture("tiny", new ImageShape(1, 8, 8),
            List.of(LayerSpec.conv(4, 3, ConvPadding.VALID, true), LayerSpec.conv(3, 2, ConvPadding.VALID, false),
                    LayerSpec.dense(5), LayerSpec.dense(2)));

    @Test
    void aChainFeedsTheNextLayerOnly() {
        LayerDependencies graph = NET.dependencies();
        assertEquals(List.of(1), graph.consumers(0));
        assertEquals(List.of(3), graph.consumers(2));
        assertEquals(List.of(), graph.consumers(3));
        assertThrows(IllegalArgumentException.class, () -> graph.inputsFedBy(0, 2, new long[] {0}));
    }

    @Test
    void keptFiltersFeedInputChannelsOfAConvolutionAtEveryKernelPosition() {
        LayerDependencies graph = NET.dependencies();
        assertArrayEquals(new long[] {1, 3}, graph.inputsFedBy(0, 1, new long[] {1, 3}));
        // the 2x2 kernel's rows are p C_in + c for positions p = 0..3, C_in = 4
        assertArrayEquals(new long[] {1, 3, 5, 7, 9, 11, 13, 15}, graph.weightRowsFedBy(0, 1, new long[] {1, 3}));
        assertEquals(4 * 4, NET.fanIn(1));
    }

    @Test
    void keptFiltersFeedTheirPixelsOfTheDenseLayerAfterTheFlatten() {
        LayerDependencies graph = NET.dependencies();
        // channel c of the 3x2x2 output is rows 4c .. 4c+3 of the flattened 12
        assertArrayEquals(new long[] {0, 1, 2, 3, 8, 9, 10, 11}, graph.inputsFedBy(1, 2, new long[] {0, 2}));
        assertArrayEquals(graph.inputsFedBy(1, 2, new long[] {0, 2}), graph.weightRowsFedBy(1, 2, new long[] {0, 2}));
        assertArrayEquals(new long[] {4}, graph.inputsFedBy(2, 3, new long[] {4}));
    }

    @Test
    void eachLayerTypeOwnsItsShapesCountsAndFileName() {
        assertArrayEquals(new long[] {3, 3, 1, 4}, NET.weightShape(0));
        assertArrayEquals(new long[] {2, 2, 4, 3}, NET.weightShape(1));
        assertArrayEquals(new long[] {12, 5}, NET.weightShape(2));
        assertEquals(new ImageShape(4, 6, 6), NET.preActivationShape(0));
        assertEquals(new ImageShape(4, 3, 3), NET.outputShape(0));
        ConvNetComplexity counts = new ConvNetComplexity(NET);
        assertEquals(9 * 4 + 4, counts.layerParameters(0));
        assertEquals(36L * 9 * 4, counts.layerMultiplyAdds(0));
        assertEquals(12 * 5 + 5, counts.layerParameters(2));
        assertEquals(12 * 5, counts.layerMultiplyAdds(2));
        assertEquals("filters", NET.layer(0).type().unitNoun());
        assertEquals("units", NET.layer(2).type().unitNoun());
        for (LayerKind kind : LayerKind.values()) {
            assertEquals(kind, LayerKind.ofFileName(kind.type().fileName()));
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> LayerKind.ofFileName("lstm"));
        assertEquals("layer kind must be \"conv\" or \"dense\", got \"lstm\"", unknown.getMessage());
    }
}
