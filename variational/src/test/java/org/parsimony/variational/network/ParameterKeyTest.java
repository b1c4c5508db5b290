package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The names derived from parameter keys are those of the checkpoint files, and read back to the same keys. */
class ParameterKeyTest {
    @Test
    void graphNamesAreTheNamesCheckpointsHold() {
        assertEquals("weightMean0", ParameterKind.WEIGHT_MEAN.at(0).graphName());
        assertEquals("weightLogVariance3", ParameterKind.WEIGHT_LOG_VARIANCE.at(3).graphName());
        assertEquals("bias1", ParameterKind.BIAS.at(1).graphName());
        assertEquals("gate12", ParameterKind.GATE.at(12).graphName());
        assertEquals("batchNormScale0", ParameterKind.BATCH_NORM_SCALE.at(0).graphName());
        assertEquals("batchNormShift4", ParameterKind.BATCH_NORM_SHIFT.at(4).graphName());
        assertEquals("batchNormMean2", ParameterKind.BATCH_NORM_MEAN.at(2).graphName());
        assertEquals("batchNormVariance2", ParameterKind.BATCH_NORM_VARIANCE.at(2).graphName());
        assertEquals("weight5", ParameterKind.WEIGHT.at(5).graphName());
    }

    @Test
    void everyKeyIsParsedBackFromItsName() {
        for (ParameterKind kind : ParameterKind.values()) {
            for (int layer : new int[] {0, 1, 9, 10, 123}) {
                ParameterKey key = kind.at(layer);
                assertEquals(key, ParameterKey.parse(key.graphName()));
            }
        }
    }

    @Test
    void namesOfNoParameterAreRefused() {
        for (String name : new String[] {"weightMean", "gate-1", "eps0", "u1", "weightMean01", "biasx", "w0", "Bias0", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterKey.parse(name));
            assertTrue(e.getMessage().contains("\"" + name + "\""), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new ParameterKey(-1, ParameterKind.BIAS));
        assertThrows(IllegalArgumentException.class, () -> new ParameterKey(0, null));
    }

    @Test
    void onlyWeightsHaveARowPerInput() {
        for (ParameterKind kind : ParameterKind.values()) {
            boolean weights = kind == ParameterKind.WEIGHT || kind == ParameterKind.WEIGHT_MEAN
                    || kind == ParameterKind.WEIGHT_LOG_VARIANCE;
            assertEquals(weights, kind.hasInputs(), kind.name());
        }
    }
}
