package org.parsimony.experiments.pruning;

import org.parsimony.pruning.StructuredPruningResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTableTest {

    private static StructuredPruningResult run(String criterion, double ratio, long seed, double accuracy) {
        return new StructuredPruningResult(criterion, ratio, seed, new int[] {4, 10, 2}, new int[] {4, 5, 2}, 72, 37, 60, 30,
                0.9, accuracy - 0.1, accuracy, 1, 2e-3, 1e-3);
    }

    @Test
    void summarisesEachCriterionAndRatioAsMeanAndSampleStd() {
        ComparisonTable table = new ComparisonTable(List.of(
                run("mu", 0.5, 1, 0.80), run("mu", 0.5, 2, 0.90), run("mu", 0.9, 1, 0.70),
                run("magnitude", 0.5, 1, 0.85)));
        String md = table.markdown();
        // mean 0.85, sample std sqrt(((0.05)^2 * 2) / 1) = 0.0707
        assertTrue(md.contains("| mu | 0.8500 +- 0.0707 (2) | 0.7000 +- 0.0000 (1) |"), md);
        assertTrue(md.contains("| magnitude | 0.8500 +- 0.0000 (1) | - (0) |"), md);
        assertTrue(md.contains("| 50% | 2.00x | 2.00x |"), md);
    }

    @Test
    void csvHasAHeaderAndOneLinePerRun() {
        String csv = new ComparisonTable(List.of(run("random", 0.7, 3, 0.5))).csv();
        String[] lines = csv.strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith("random,0.7000,3,4-5-2,37,30,0.9000,0.4000,0.5000,2.000,2.000"), lines[1]);
    }

    @Test
    void meanStdOfNothingIsADash() {
        assertEquals("-", ComparisonTable.meanStd(new double[0]));
    }
}
