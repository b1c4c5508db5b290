package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CIFAR ResNets as {@link Architecture}s: their layers and shapes, the dependency graph's coupled groups (one gate
 * per residual stream), removal of a stream's channel from every layer that writes or reads it, and exact counts.
 */
class ResidualNetworkTest {
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);
    /** Layers of ResNet-20: stem 0; stage 1 blocks (1, 2), (3, 4), (5, 6); stage 2 (7, proj 8, 9), (10, 11), (12, 13); ... */
    private static final List<Integer> STAGE1 = List.of(0, 2, 4, 6);
    private static final List<Integer> STAGE2 = List.of(8, 9, 11, 13);
    private static final List<Integer> STAGE3 = List.of(15, 16, 18, 20);

    @Test
    void resnet20HasNineteenConvolutionsTwoProjectionsAndTheCifarShapes() {
        Architecture resnet = Architecture.forImages("resnet20", CIFAR, 10);
        assertEquals("resnet20", resnet.name());
        assertEquals(22, resnet.layerCount());
        assertTrue(resnet.isResidual());
        assertFalse(Architecture.vgg16(CIFAR, 10).isResidual());
        assertEquals(2, resnet.layers().stream().filter(l -> l.wiring().projection()).count());
        assertEquals(new ImageShape(16, 32, 32), resnet.outputShape(6));
        assertEquals(new ImageShape(32, 16, 16), resnet.outputShape(7));
        assertEquals(new ImageShape(32, 16, 16), resnet.outputShape(8));
        assertEquals(new ImageShape(64, 8, 8), resnet.preActivationShape(20));
        assertEquals(new ImageShape(64, 1, 1), resnet.outputShape(20));
        assertArrayEquals(new long[] {1, 1, 16, 32}, resnet.weightShape(8));
        assertArrayEquals(new long[] {64, 10}, resnet.weightShape(21));
        Architecture resnet56 = Architecture.forImages("resnet56", CIFAR, 10);
        assertEquals(1 + 9 * 3 * 2 + 2 + 1, resnet56.layerCount());
        assertEquals(56, resnet56.layers().stream().filter(LayerSpec::activated).count());
    }

    @Test
    void eachResidualStreamIsOneCoupledGroupAndEveryInnerConvolutionItsOwn() {
        LayerDependencies graph = Architecture.resnet(3, CIFAR, 10).dependencies();
        for (List<Integer> stage : List.of(STAGE1, STAGE2, STAGE3)) {
            for (int l : stage) {
                assertEquals(stage, graph.coupled(l));
                assertEquals(stage.get(0), graph.gateHolder(l));
            }
        }
        for (int inner : new int[] {1, 3, 5, 7, 10, 12, 14, 17, 19}) {
            assertEquals(List.of(inner), graph.coupled(inner));
        }
        // the stage-1 stream's last block output feeds stage 2's first convolution and its projection
        assertEquals(List.of(7, 8), graph.consumers(6));
        assertEquals(List.of(9), graph.consumers(7));
        assertEquals(List.of(10), graph.consumers(9)); // block 2 adds layer 9's output: an addition, not a weight read
        assertEquals(List.of(21), graph.consumers(20));
        // a chain's layers are their own groups
        LayerDependencies chain = Architecture.vgg16(CIFAR, 10).dependencies();
        assertEquals(List.of(3), chain.coupled(3));
        assertEquals(List.of(4), chain.consumers(3));
    }

    @Test
    void aStreamHoldsOneGateAndLosesAChannelFromEveryLayerThatWritesOrReadsIt() {
        Architecture quarter = Architecture.resnet(3, CIFAR, 10).scaled(0.25);
        VariationalNetwork network = VariationalNetwork.initialize(quarter, 0.01, 0.9, 1);
        for (int l = 0; l < 21; l++) {
            boolean holder = quarter.dependencies().gateHolder(l) == l;
            assertEquals(holder, network.layer(l).gated(), "layer " + l);
        }
        SortedMap<Integer, long[]> fed = network.keepUnits(2, new long[] {0, 1, 3});
        for (int l : STAGE1) {
            assertEquals(3, network.layer(l).units(), "writer " + l);
        }
        assertEquals(3, network.layer(0).gate().length());
        // readers: each block's first convolution, stage 2's first convolution and projection
        assertEquals(List.of(1, 3, 5, 7, 8), List.copyOf(fed.keySet()));
        for (int reader : fed.keySet()) {
            assertEquals(3, ((VariationalConvParameters) network.layer(reader)).inputChannels(), "reader " + reader);
        }
        assertEquals(4, network.layer(1).units());
        assertEquals(8, network.layer(9).units());
        assertEquals(3, network.architecture().outputShape(6).channels());
        network.keepUnits(20, new long[] {2, 5});
        assertArrayEquals(new long[] {2, 10}, network.layer(21).weightMean().shape());
        assertNull(network.layer(20).gate());
        assertEquals(2, network.layer(15).gate().length());
        INDArray logits = network.toDeterministic().logits(Nd4j.rand(DataType.FLOAT, 2, 3 * 32 * 32));
        assertArrayEquals(new long[] {2, 10}, logits.shape());
    }

    @Test
    void parametersAndMultiplyAddsCountEveryConvolutionAndProjection() {
        Architecture resnet = Architecture.resnet(3, CIFAR, 10);
        long params = 0;
        long macs = 0;
        int[] channels = {16, 32, 64};
        int[] side = {32, 16, 8};
        params += 27 * 16 + 16;
        macs += 32L * 32 * 27 * 16;
        int in = 16;
        for (int s = 0; s < 3; s++) {
            int c = channels[s];
            long pixels = (long) side[s] * side[s];
            for (int b = 0; b < 3; b++) {
                params += 9L * in * c + c + 9L * c * c + c;
                macs += pixels * (9L * in * c + 9L * c * c);
                if (in != c) {
                    params += (long) in * c + c;
                    macs += pixels * in * c;
                }
                in = c;
            }
        }
        params += 64 * 10 + 10;
        macs += 64 * 10;
        NetworkComplexity counts = resnet.complexity();
        assertEquals(params, counts.parameters());
        assertEquals(macs, counts.multiplyAdds());
        assertEquals(271_690, params); // He et al.'s 0.27M, batch normalisations folded, with the two projections
    }

    @Test
    void anAdditionOfTwoShapesThatDifferIsRefused() {
        LayerSpec conv = LayerSpec.conv(4, 3, ConvPadding.SAME, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Architecture("bad",
                new ImageShape(1, 8, 8), List.of(conv, conv.withUnits(5), conv.withWiring(new LayerWiring(1, 1, false))
                        .withUnits(4), LayerSpec.dense(2))));
        assertTrue(e.getMessage().contains("adds layer 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Architecture("bad", new ImageShape(1, 8, 8),
                List.of(conv.withWiring(new LayerWiring(1, 1, false)), LayerSpec.dense(2))));
    }

    @Test
    void aResidualConvolutionsSettingsSurviveTheModelDescription() {
        Architecture resnet = Architecture.resnet(1, CIFAR, 10);
        for (LayerSpec layer : resnet.layers().subList(0, resnet.layerCount() - 1)) {
            com.fasterxml.jackson.databind.node.ObjectNode node =
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            layer.type().describe(layer, node);
            LayerSpec read = layer.type().read(layer.units(), new LayerFields() {
                @Override
                public String text(String field) {
                    return node.get(field).asText();
                }

                @Override
                public int positiveInt(String field) {
                    return node.get(field).asInt();
                }

                @Override
                public boolean flag(String field) {
                    return node.get(field).asBoolean();
                }

                @Override
                public boolean has(String field) {
                    return node.has(field);
                }

                @Override
                public RuntimeException error(String message) {
                    return new IllegalArgumentException(message);
                }
            });
            assertEquals(layer.withBatchNorm(false), read);
        }
    }
}
