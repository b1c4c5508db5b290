package org.parsimony.pruning.statistics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.variational.network.VariationalMlp;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PosteriorStatisticsTest {

    @Test
    void variationalStatisticsHoldMeansSigmasAndGates() {
        VariationalMlp network = VariationalMlp.initialize(5, new int[] {4}, 3, 0.05, 0.8, 3);
        network.layer(0).weightLogVariance().putScalar(1, 2, Math.log(0.09));
        network.layer(0).gate().putScalar(3, 0.25);
        PosteriorStatistics statistics = PosteriorStatistics.fromVariational(network);
        assertArrayEquals(new int[] {5, 4, 3}, statistics.widths());
        assertEquals(1, statistics.hiddenLayerCount());
        assertEquals(network.layer(0).weightMean().getDouble(1, 2), statistics.layer(0).weightMean().getDouble(1, 2), 0);
        assertEquals(0.3, statistics.layer(0).weightStandardDeviation().getDouble(1, 2), 1e-6);
        assertEquals(0.05, statistics.layer(1).weightStandardDeviation().getDouble(0, 0), 1e-6);
        assertArrayEquals(new double[] {0.8, 0.8, 0.8, 0.25}, statistics.layer(0).gateProbabilities(), 1e-6);
        assertArrayEquals(new double[] {1, 1, 1}, statistics.layer(1).gateProbabilities());
    }

    @Test
    void keepingUnitsSlicesColumnsGatesAndTheNextLayersRows() {
        VariationalMlp network = VariationalMlp.initialize(5, new int[] {4}, 3, 0.05, 0.8, 3);
        network.layer(0).gate().putScalar(2, 0.6);
        PosteriorStatistics statistics = PosteriorStatistics.fromVariational(network);
        PosteriorStatistics kept = statistics.keepUnits(new KeptUnits(List.of(new long[] {0, 2})));
        assertArrayEquals(new int[] {5, 2, 3}, kept.widths());
        assertEquals(statistics.layer(0).weightMean().getDouble(4, 2), kept.layer(0).weightMean().getDouble(4, 1), 0);
        assertEquals(statistics.layer(1).weightMean().getDouble(2, 1), kept.layer(1).weightMean().getDouble(1, 1), 0);
        assertEquals(0.6, kept.layer(0).gateProbabilities()[1], 1e-6);
    }

    @Test
    void badLayerStatisticsAreRejected() {
        var mean = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        assertThrows(IllegalArgumentException.class,
                () -> new LayerStatistics(mean, Nd4j.valueArrayOf(new long[] {3, 2}, -1.0), null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LayerStatistics(mean, Nd4j.ones(2, 3), null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LayerStatistics(mean, null, new double[] {0.5, 1.2}, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LayerStatistics(mean, null, new double[] {0.5}, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerStatistics(Nd4j.valueArrayOf(new long[] {3, 2}, Double.NaN), null, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LayerStatistics(mean, null, null, List.of(Nd4j.ones(3, 3))));
        LayerStatistics pointEstimate = new LayerStatistics(mean, null, null, List.of());
        assertFalse(pointEstimate.hasStandardDeviations());
        assertThrows(IllegalArgumentException.class, pointEstimate::weightStandardDeviation);
        assertThrows(IllegalArgumentException.class, () -> new PosteriorStatistics(List.of(pointEstimate, pointEstimate)));
    }
}
