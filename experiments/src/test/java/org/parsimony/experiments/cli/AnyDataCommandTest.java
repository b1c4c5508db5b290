package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.IdxFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnyDataCommandTest {
    @TempDir
    Path dir;

    private static String wine() {
        return Path.of("../variational/src/test/resources/tabular/wine.csv").toAbsolutePath().normalize().toString();
    }

    @Test
    void trainReadsACsvDataSet() throws Exception {
        CommandRun run = CommandRun.of("train", "--csv", wine(), "--label", "class", "--widths", "16,8", "--epochs", "20",
                "--fine-tune", "0", "--out", dir.resolve("out").toString());

        assertEquals(0, run.exitCode(), run.err());
        String results = Files.readString(dir.resolve("out/results.json"));
        assertTrue(results.contains("wine.csv (label 'class', 3 classes"), results);
        assertTrue(results.contains("13,"), results); // 13 inputs
    }

    @Test
    void compareRunsAStudyOnACsvFileAndOnAnIdxDirectory() throws Exception {
        CommandRun csv = CommandRun.of("compare", "--csv", wine(), "--label", "class", "--archs", "mlp:8", "--methods",
                "magnitude", "--ratios", "0.5", "--seeds", "1", "--dense-epochs", "2", "--fine-tune", "1",
                "--out", dir.resolve("csv").toString());
        assertEquals(0, csv.exitCode(), csv.err());
        List<String> rows = Files.readAllLines(dir.resolve("csv/runs.csv"));
        assertTrue(rows.size() >= 2 && rows.get(1).contains("wine.csv"), rows.toString());

        Path data = idxDirectory();
        CommandRun idx = CommandRun.of("compare", "--data-dir", data.toString(), "--archs", "mlp:8", "--methods",
                "magnitude", "--ratios", "0.5", "--seeds", "1", "--dense-epochs", "2", "--fine-tune", "1",
                "--out", dir.resolve("idx").toString());
        assertEquals(0, idx.exitCode(), idx.err());
        assertTrue(Files.readString(dir.resolve("idx/runs.csv")).contains("dir:" + data), "runs.csv names the directory");
    }

    @Test
    void badCsvOptionsGiveOneLineErrors() throws Exception {
        assertOneLineError(CommandRun.of("train", "--csv", wine(), "--epochs", "1", "--out", dir.resolve("a").toString()),
                "--csv needs --label COLUMN");
        assertOneLineError(CommandRun.of("prune", "--label", "class", "--out", dir.resolve("b").toString()),
                "--label names the label column of --csv");
        assertOneLineError(CommandRun.of("train", "--csv", wine(), "--label", "cultivar", "--out", dir.resolve("c").toString()),
                "no column 'cultivar' in the header");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,label\n1,2,x\n3,4.5.6,y\n");
        assertOneLineError(CommandRun.of("compare", "--csv", bad.toString(), "--label", "label", "--archs", "mlp:4",
                "--out", dir.resolve("d").toString()), "bad.csv: line 3, column 'b' (2): '4.5.6' is not a number");
        assertOneLineError(CommandRun.of("compare", "--datasets", "subset", "--data-dir", dir.toString(),
                "--out", dir.resolve("e").toString()), "either as --datasets or as --data-dir/--csv");
        assertOneLineError(CommandRun.of("compare", "--datasets", "csv:" + wine(), "--out", dir.resolve("f").toString()),
                "write csv:FILE:LABEL");
    }

    private static void assertOneLineError(CommandRun run, String expected) {
        assertEquals(1, run.exitCode(), run.out());
        String err = run.err().strip();
        assertTrue(err.startsWith("error: ") && err.contains(expected), err);
        assertEquals(1, err.lines().count(), err);
    }

    /** 300 training and 40 test 8x8 images whose label is the brightest quadrant. */
    private Path idxDirectory() throws IOException {
        Path data = Files.createDirectory(dir.resolve("idx-data"));
        java.util.Random random = new java.util.Random(5);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? 300 : 40;
            byte[] labels = new byte[n];
            byte[] pixels = new byte[n * 64];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % 4);
                for (int p = 0; p < 64; p++) {
                    int quadrant = (p / 32) * 2 + (p % 8) / 4;
                    pixels[i * 64 + p] = (byte) (random.nextInt(100) + (quadrant == labels[i] ? 150 : 0));
                }
            }
            Files.write(data.resolve(split + "-images-idx3-ubyte.gz"), new IdxFile(new int[] {n, 8, 8}, pixels).toGzipBytes());
            Files.write(data.resolve(split + "-labels-idx1-ubyte.gz"), new IdxFile(new int[] {n}, labels).toGzipBytes());
        }
        return data;
    }
}
