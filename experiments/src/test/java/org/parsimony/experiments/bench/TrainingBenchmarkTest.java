package org.parsimony.experiments.bench;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.LabeledData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's measurements on a few hundred bundled examples: consistent medians and ratios, not their speed. */
class TrainingBenchmarkTest {
    private static final LabeledData DATA = IdxImageDataset.bundledFashionMnistSubset().train().head(256);

    @Test
    void stepComparisonRatiosAreMediansOfTheRoundsBetweenTheirExtremes() {
        TrainingBenchmark.StepComparison steps = new TrainingBenchmark(DATA, 64, 3, 1).compareSteps(new int[] {8, 4});
        assertTrue(steps.variational() > 0 && steps.graph() > 0 && steps.handWritten() > 0, steps.toString());
        assertTrue(steps.minRatioToGraph() > 0, steps.toString());
        assertTrue(steps.minRatioToGraph() <= steps.ratioToGraph() && steps.ratioToGraph() <= steps.maxRatioToGraph(),
                steps.toString());
        assertTrue(steps.ratioToHandWritten() > 0, steps.toString());
    }

    @Test
    void steadyStateEpochsAreTimedForEveryWidth() {
        TrainingBenchmark bench = new TrainingBenchmark(DATA, 64, 2, 1);
        assertTrue(bench.variationalEpochSeconds(new int[] {8, 4}) > 0);
        assertTrue(bench.variationalEpochSeconds(new int[] {2, 2}) > 0);
        assertArrayEquals(new int[] {784, 8, 4, 10}, bench.widths(new int[] {8, 4}));
    }

    @Test
    void rejectsImpossibleCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingBenchmark(DATA, 64, 0, 1));
        assertEquals("repeats must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingBenchmark(DATA, 64, 1, -1));
    }
}
