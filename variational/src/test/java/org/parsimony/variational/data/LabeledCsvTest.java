package org.parsimony.variational.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabeledCsvTest {
    @TempDir
    Path dir;

    static Path wine() {
        try {
            return Path.of(LabeledCsvTest.class.getResource("/tabular/wine.csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wineIsSplitStratifiedAndStandardisedOnTheTrainingPart() {
        TrainTestSplit split = LabeledCsv.load(wine(), "class", 0.2, 1);

        // classes of 59, 71 and 48 wines: 12 + 14 + 10 held out
        assertEquals(36, split.test().size());
        assertEquals(142, split.train().size());
        assertEquals(13, split.train().featureCount());
        assertEquals(3, split.train().classCount());
        int[] perClass = new int[3];
        for (int label : split.test().labels()) {
            perClass[label]++;
        }
        assertEquals(12, perClass[0]);
        assertEquals(14, perClass[1]);
        assertEquals(10, perClass[2]);
        for (int c = 0; c < 13; c++) {
            double[] moments = moments(split.train(), c);
            assertEquals(0, moments[0], 1e-4, "mean of column " + c);
            assertEquals(1, moments[1], 1e-3, "std of column " + c);
        }
        // proline (column 13) ranges over hundreds: unscaled it would not sit within a few units of 0
        assertTrue(Math.abs(moments(split.test(), 12)[0]) < 1);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        int[] a = LabeledCsv.load(wine(), "class", 0.2, 1).test().labels();
        float[] x1 = features(LabeledCsv.load(wine(), "class", 0.2, 1).test());
        float[] x2 = features(LabeledCsv.load(wine(), "class", 0.2, 2).test());
        assertEquals(36, a.length);
        assertTrue(java.util.Arrays.equals(x1, features(LabeledCsv.load(wine(), "class", 0.2, 1).test())));
        assertTrue(!java.util.Arrays.equals(x1, x2));
    }

    @Test
    void numericLabelsAreClassesInNumericOrder() throws IOException {
        Path file = Files.writeString(dir.resolve("t.csv"), "x,y\n1,10\n2,9\n3,10\n4,9\n5,10\n6,9\n7,10\n8,9\n9,10\n10,9\n");
        TrainTestSplit split = LabeledCsv.load(file, "y", 0.2, 1);
        assertEquals(2, split.train().classCount());
        assertTrue(split.source().contains("[9, 10]"), split.source());
    }

    @Test
    void badValuesAreNamedByLineAndColumn() throws IOException {
        assertProblem("a,b,label\n1,2,x\n3,abc,y\n", "label", "line 3, column 'b' (2): 'abc' is not a number");
        assertProblem("a,b,label\n1,,x\n3,4,y\n", "label", "line 2, column 'b' (2): empty value");
        assertProblem("a,b,label\n1,2,x\n3,4\n", "label", "line 3 has 2 fields, the header 3");
        assertProblem("a,b,label\n1,NaN,x\n3,4,y\n", "label", "line 2, column 'b' (2): 'NaN' is not a finite float");
        assertProblem("a,b,label\n1,2,x\n3,4,y\n", "class", "no column 'class' in the header (columns: a, b, label)");
        assertProblem("a,b,label\n1,2,x\n3,4,x\n", "label", "column 'label' has 1 distinct value(s)");
        assertProblem("", "label", "empty; a CSV data set starts with a header line");
        assertProblem("label\nx\ny\n", "label", "has no feature column");
        DataFileException missing = assertThrows(DataFileException.class,
                () -> LabeledCsv.load(dir.resolve("none.csv"), "label", 0.2, 1));
        assertTrue(missing.getMessage().endsWith("none.csv: no such file"), missing.getMessage());
    }

    private void assertProblem(String content, String label, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), content);
        DataFileException e = assertThrows(DataFileException.class, () -> LabeledCsv.load(file, label, 0.2, 1));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    private static double[] moments(LabeledData data, int column) {
        float[] row = new float[data.featureCount()];
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, row, 0);
            sum += row[column];
            squares += row[column] * row[column];
        }
        double mean = sum / data.size();
        return new double[] {mean, Math.sqrt(squares / data.size() - mean * mean)};
    }

    private static float[] features(LabeledData data) {
        float[] x = new float[data.size() * data.featureCount()];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, x, i * data.featureCount());
        }
        return x;
    }
}
