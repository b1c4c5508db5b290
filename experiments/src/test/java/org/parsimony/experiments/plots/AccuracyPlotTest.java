package org.parsimony.experiments.plots;

import org.junit.jupiter.api.Test;
import org.parsimony.experiments.study.ResultCell;
import org.parsimony.experiments.study.RunKey;
import org.parsimony.experiments.study.RunMeasurement;
import org.parsimony.experiments.study.RunResult;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class AccuracyPlotTest {

    private static RunResult run(String method, long seed, double accuracy) {
        return new RunResult(new RunKey("d", "a", method, "0.5", seed),
                new RunMeasurement(accuracy, accuracy, 1, 2, 1, 2, new int[] {1}, new int[] {2}), 1.0);
    }

    @Test
    void theAccuracyAxisZoomsOnTheDataInStepsOfFivePoints() {
        List<ResultCell> close = ResultCell.group(List.of(run("mu", 1, 0.86), run("mu", 2, 0.87), run("magnitude", 1, 0.89)));
        assertArrayEquals(new double[] {0.80, 0.95}, AccuracyPlot.accuracyRange(close), 1e-9);
    }

    @Test
    void aStudyFromChanceToDenseKeepsTheWholeAxisWithinZeroAndOne() {
        List<ResultCell> wide = ResultCell.group(List.of(run("mu", 1, 0.10), run("magnitude", 1, 0.99)));
        assertArrayEquals(new double[] {0.05, 1.0}, AccuracyPlot.accuracyRange(wide), 1e-9);
    }
}
