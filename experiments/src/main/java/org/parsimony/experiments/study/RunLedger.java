package org.parsimony.experiments.study;

import org.parsimony.variational.io.IoCause;
import org.parsimony.variational.io.AtomicFileWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The record of finished runs in an output directory. A process writes only its own file ({@code runs.csv}, or
 * {@code runs-shard-K-of-N.csv} for a shard, so shards may share a directory), rewriting it atomically after every run
 * (temporary file + rename), so a kill leaves the old or the new file, never a torn one; {@link #record} is
 * synchronized, so concurrent workers have one writer. A run is finished if any {@code runs*.csv} of the directory
 * holds its key.
 */
public final class RunLedger {
    private final Path file;
    private final Map<RunKey, RunResult> own = new LinkedHashMap<>();
    private final Map<RunKey, RunResult> finished = new LinkedHashMap<>();

    private RunLedger(Path file) {
        this.file = file;
    }

    /** The file name a process running {@code shard} writes. */
    public static String fileName(Shard shard) {
        return shard.isAll() ? "runs.csv" : "runs-shard-" + shard.index() + "-of-" + shard.count() + ".csv";
    }

    /** Opens the ledger writing {@code dir/fileName}, reading every results file already in {@code dir}. */
    public static RunLedger open(Path dir, String fileName) {
        RunLedger ledger = new RunLedger(dir.resolve(fileName));
        for (RunResult r : readDirectory(dir)) {
            ledger.finished.putIfAbsent(r.key(), r);
        }
        if (Files.exists(ledger.file)) {
            for (RunResult r : ResultsCsv.read(ledger.file)) {
                ledger.own.put(r.key(), r);
            }
        }
        return ledger;
    }

    /** The file this ledger writes. */
    public Path file() {
        return file;
    }

    /** Whether a run with {@code key} has finished (in any results file of the directory). */
    public synchronized boolean isFinished(RunKey key) {
        return finished.containsKey(key);
    }

    /** Adds a finished run and rewrites this ledger's file atomically before returning. */
    public synchronized void record(RunResult result) {
        own.put(result.key(), result);
        finished.put(result.key(), result);
        List<RunResult> rows = new ArrayList<>(own.values());
        rows.sort((a, b) -> RunKey.ORDER.compare(a.key(), b.key()));
        AtomicFileWriter.write(file, ResultsCsv.format(rows));
    }

    /** Every finished run known to this ledger, in {@link RunKey#ORDER}. */
    public synchronized List<RunResult> results() {
        List<RunResult> rows = new ArrayList<>(finished.values());
        rows.sort((a, b) -> RunKey.ORDER.compare(a.key(), b.key()));
        return rows;
    }

    /**
     * The runs of every {@code runs*.csv} in {@code dirs}, the first occurrence of a key winning, in
     * {@link RunKey#ORDER}.
     */
    public static List<RunResult> readAll(List<Path> dirs) {
        Map<RunKey, RunResult> all = new LinkedHashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("results directory " + dir + " not found");
            }
            for (RunResult r : readDirectory(dir)) {
                all.putIfAbsent(r.key(), r);
            }
        }
        List<RunResult> rows = new ArrayList<>(all.values());
        rows.sort((a, b) -> RunKey.ORDER.compare(a.key(), b.key()));
        return rows;
    }

    private static List<RunResult> readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<RunResult> rows = new ArrayList<>();
            for (Path f : files.filter(RunLedger::isResultsFile).sorted().toList()) {
                rows.addAll(ResultsCsv.read(f));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + IoCause.of(e), e);
        }
    }

    private static boolean isResultsFile(Path f) {
        String name = f.getFileName().toString();
        return name.startsWith("runs") && name.endsWith(".csv") && Files.isRegularFile(f);
    }
}
