package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsCsvTest {
    @TempDir
    Path dir;

    private static RunResult result(String method, String ratio, long seed, double accuracy) {
        return new RunResult(new RunKey("subset", "mlp:20,10", method, ratio, seed),
                new RunMeasurement(accuracy - 0.1, accuracy, 100, 400, 90, 360, new int[] {10, 5}, new int[] {20, 10}), 1.25);
    }

    @Test
    void rowsSurviveAWriteAndReadWithTheQuotedArchitecture() throws IOException {
        List<RunResult> rows = List.of(result("mu", "0.5", 1, 0.8), result("variational", RunKey.AUTO, 2, 0.9));
        Path file = dir.resolve("runs.csv");
        Files.writeString(file, ResultsCsv.format(rows));
        String text = Files.readString(file);
        assertTrue(text.contains("subset,\"mlp:20,10\",mu,0.5,1,0.700000,0.800000,100,400,0.250000,90,360,0.250000,10-5,20-10,1.25"), text);
        List<RunResult> read = ResultsCsv.read(file);
        assertEquals(2, read.size());
        assertEquals(rows.get(1).key(), read.get(1).key());
        assertArrayEquals(new int[] {10, 5}, read.get(0).measurement().unitsKept());
        assertEquals(0.8, read.get(0).measurement().accuracyAfter(), 1e-12);
    }

    @Test
    void aMalformedRowNamesTheFileAndLine() throws IOException {
        Path file = dir.resolve("runs.csv");
        Files.writeString(file, ResultsCsv.HEADER + "\nsubset,mlp,mu,0.5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsCsv.read(file));
        assertTrue(e.getMessage().contains("runs.csv line 2"), e.getMessage());
    }

    @Test
    void rowsThatNoRunCouldHaveWrittenAreRefusedNamingTheLine() throws IOException {
        String good = ResultsCsv.format(List.of(result("mu", "0.5", 1, 0.8))).lines().skip(1).findFirst().orElseThrow();
        List<String[]> cases = List.of(
                new String[] {good.replace(",mu,", ",bogus,"), "unknown method 'bogus'"},
                new String[] {good.replace(",90,360,", ",-90,360,"), "multiply-adds: -90 kept of 360"},
                new String[] {good.replace(",100,400,", ",500,400,"), "parameters: 500 kept of 400"},
                new String[] {good.replace("0.700000", "1.700000"), "accuracy must be a fraction"},
                new String[] {good.replace(",1.25", ",-1"), "seconds must be finite"},
                new String[] {good + "\n" + good, "line 3 repeats the run of line 2"});
        for (String[] c : cases) {
            Path file = dir.resolve("runs.csv");
            Files.writeString(file, ResultsCsv.HEADER + "\n" + c[0] + "\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsCsv.read(file), c[0]);
            assertTrue(e.getMessage().contains("runs.csv line") && e.getMessage().contains(c[1]), e.getMessage());
        }
        // a trainer variant is a known method
        Path file = dir.resolve("runs.csv");
        Files.writeString(file, ResultsCsv.HEADER + "\n" + good.replace(",mu,", ",variational[kl=0.3],") + "\n");
        assertEquals("variational[kl=0.3]", ResultsCsv.read(file).get(0).key().method());
    }

    @Test
    void theLedgerSkipsWhatAnyResultsFileOfTheDirectoryHoldsAndWritesOnlyItsOwn() {
        RunLedger shard = RunLedger.open(dir, RunLedger.fileName(new Shard(1, 2)));
        shard.record(result("mu", "0.5", 1, 0.8));
        RunLedger whole = RunLedger.open(dir, RunLedger.fileName(Shard.ALL));
        assertTrue(whole.isFinished(new RunKey("subset", "mlp:20,10", "mu", "0.5", 1)));
        whole.record(result("mu", "0.5", 2, 0.7));
        assertEquals(1, ResultsCsv.read(dir.resolve("runs.csv")).size());
        assertEquals(2, RunLedger.readAll(List.of(dir)).size());
    }

    @Test
    void summaryShowsMeanAndSampleStdPerCellAndTheDenseBaseline() {
        List<RunResult> rows = List.of(result("mu", "0.5", 1, 0.8), result("mu", "0.5", 2, 0.9),
                result("dense", "", 1, 0.95), result("dense", "", 2, 0.93));
        String md = SummaryTable.markdown(rows, "Equal budget: test.", List.of("a.png"));
        // mean 0.85, sample std sqrt(2 * 0.05^2 / 1) = 0.0707
        assertTrue(md.contains("| mu | 0.5 | 0.7500 +- 0.0707 | 0.8500 +- 0.0707 | 25.0 +- 0.0 % | 25.0 +- 0.0 % | 10.0-5.0 | 1.3 | 2 |"), md);
        assertTrue(md.contains("Dense baseline accuracy: 0.9400 +- 0.0141 (n = 2; seeds 1, 2)"), md);
        assertTrue(md.contains("Equal budget: test."), md);
        assertTrue(md.contains("`a.png`"), md);
    }
}
