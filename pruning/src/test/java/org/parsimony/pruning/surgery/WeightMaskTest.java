package org.parsimony.pruning.surgery;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.SyntheticData;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightMaskTest {

    @Test
    void maskingZeroesWeightsAndReportsNonzeroCountsWithoutClaimingASpeedUp() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {4, 3, 2}, 7);
        INDArray keep0 = Nd4j.ones(DataType.FLOAT, 4, 3);
        keep0.putScalar(0, 0, 0);
        keep0.putScalar(2, 1, 0);
        keep0.putScalar(3, 2, 0);
        INDArray keep1 = Nd4j.ones(DataType.FLOAT, 3, 2);
        keep1.putScalar(1, 1, 0);
        WeightMask mask = WeightMask.forWeights(List.of(keep0, keep1));
        DeterministicMlp masked = mask.apply(network);
        assertEquals(0.0, masked.weight(0).getDouble(2, 1), 0);
        assertEquals(network.weight(0).getDouble(1, 1), masked.weight(0).getDouble(1, 1), 0);
        assertEquals(14, mask.keptWeights());
        SparsityReport report = SparsityReport.of(masked);
        assertEquals(18, report.weights());
        assertEquals(14, report.nonzeroWeights());
        assertEquals(18, report.denseMultiplyAdds());
        assertEquals(23, report.parameters());
        assertEquals(14, report.nonzeroParameters()); // biases of a fresh network are 0
        assertEquals(network.complexity().multiplyAdds(), report.denseMultiplyAdds());
    }

    @Test
    void unitMaskSilencesTheUnitExactlyLikeSurgery() {
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {6, 5, 3}, 8);
        KeptUnits kept = new KeptUnits(List.of(new long[] {0, 2, 4}));
        WeightMask mask = WeightMask.forUnits(network.widths(), kept);
        INDArray x = SyntheticData.inputs(100, 6, 2);
        assertTrue(mask.apply(network).logits(x).equalsWithEps(UnitSurgery.apply(network, kept).logits(x), 1e-5));
        assertEquals(6 * 3 + 3 * 3, mask.keptWeights());
    }

    @Test
    void badMasksAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> WeightMask.forWeights(List.of(Nd4j.valueArrayOf(new long[] {2, 2}, 0.5))));
        assertThrows(IllegalArgumentException.class,
                () -> WeightMask.forWeights(List.of(Nd4j.ones(2, 3), Nd4j.ones(2, 2))));
        DeterministicMlp network = DeterministicTrainer.initialize(new int[] {4, 3, 2}, 7);
        assertThrows(IllegalArgumentException.class, () -> WeightMask.dense(new int[] {4, 2, 2}).apply(network));
    }
}
