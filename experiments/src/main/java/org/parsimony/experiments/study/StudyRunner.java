package org.parsimony.experiments.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.io.AtomicFileWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs the runs of a study that belong to a shard and are not yet in the ledger, on a {@link RunExecutor} (a bounded
 * pool of workers, or a Spark cluster), and records each in the ledger as soon as it is back. The runner owns what
 * makes the runs of a directory comparable: it refuses a directory whose {@code study.json} records another budget
 * (the finished runs would be silently reused), writes {@code study.json}, and scales every data set's inputs as the
 * budget says. Every run is seeded by its own seed only, so the numbers do not depend on the number of workers, the
 * executor, the shard, or on which runs a previous, killed invocation finished.
 */
public final class StudyRunner {
    /** The description of a study in its directory: what ran, with which budget. */
    public static final String STUDY_JSON = "study.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StudySpec spec;
    private final Function<String, TrainTestSplit> datasets;
    private final RunLedger ledger;
    private final RunExecutor executor;
    private final Shard shard;
    private final PrintStream out;

    /**
     * @param spec     the study
     * @param datasets loads a data set by name, its inputs as read (the runner scales them)
     * @param ledger   where finished runs are looked up and recorded
     * @param workers  runs executed at the same time, >= 1
     * @param shard    the runs to execute
     * @param out      progress lines
     */
    public StudyRunner(StudySpec spec, Function<String, TrainTestSplit> datasets, RunLedger ledger, int workers,
                       Shard shard, PrintStream out) {
        this(spec, StudyDatasets.scaling(datasets), ledger, new LocalRunExecutor(workers), shard, out);
    }

    /**
     * @param spec     the study
     * @param datasets the data sets by name, scaled as asked
     * @param ledger   where finished runs are looked up and recorded
     * @param executor where the runs execute
     * @param shard    the runs to execute
     * @param out      progress lines
     */
    public StudyRunner(StudySpec spec, StudyDatasets datasets, RunLedger ledger, RunExecutor executor, Shard shard,
                       PrintStream out) {
        this.spec = spec;
        this.ledger = ledger;
        this.executor = executor;
        this.shard = shard;
        this.out = out;
        Map<String, TrainTestSplit> loaded = new ConcurrentHashMap<>();
        this.datasets = name -> loaded.computeIfAbsent(name, n -> {
            TrainTestSplit split = datasets.load(n, spec.budget().inputs());
            out.printf("data %s: %s (%d train, %d test)%n", n, split.source(), split.train().size(), split.test().size());
            return split;
        });
    }

    /** How many runs the study has, how many this invocation skipped as finished, and how many it executed. */
    public record Outcome(int inStudy, int inShard, int skipped, int executed) {
    }

    /** The directory of the study: where its ledger writes. */
    public Path directory() {
        return ledger.file().toAbsolutePath().getParent();
    }

    /**
     * Checks that the directory holds no runs of another budget, loads every data set of the runs still to execute
     * and checks each architecture on it, so that a bad study fails before anything is written; {@link #run()}
     * repeats it.
     *
     * @throws IllegalArgumentException naming {@code study.json} for another budget, or the architecture and data set
     *                                  that do not fit
     */
    public void check() {
        requireSameBudget();
        checkBeforeTheFirstRun(pending(mine(spec.runs())));
    }

    /**
     * Checks ({@link #check()}), writes {@code study.json} and executes the pending runs; the first failing run stops
     * the study (finished runs stay recorded).
     */
    public Outcome run() {
        List<StudyRun> all = spec.runs();
        List<StudyRun> mine = mine(all);
        List<StudyRun> pending = pending(mine);
        requireSameBudget();
        checkBeforeTheFirstRun(pending);
        AtomicFileWriter.write(directory().resolve(STUDY_JSON), describe());
        int skipped = mine.size() - pending.size();
        out.printf("study: %d runs%s; skipped %d finished run%s, %d to run %s%n", all.size(),
                shard.isAll() ? "" : " (shard " + shard.index() + "/" + shard.count() + ": " + mine.size() + ")", skipped,
                skipped == 1 ? "" : "s", pending.size(), executor.describe());
        out.flush();
        StudyProgress progress = new StudyProgress(out, pending.size());
        executor.execute(pending, spec.budget(), datasets, result -> {
            ledger.record(result);
            progress.finished(result);
        });
        return new Outcome(all.size(), mine.size(), skipped, pending.size());
    }

    /** {@code study.json}: the study's dimensions, its budget, the shard and how the runs execute. */
    private String describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("datasets", spec.datasets());
        d.put("archs", spec.archs().stream().map(StudyArchitecture::name).toList());
        d.put("methods", spec.methods().stream().map(StudyMethod::label).toList());
        d.put("ratios", spec.ratios());
        d.put("seeds", spec.seeds());
        d.put("variants", spec.variants().stream().map(TrainerVariant::label).toList());
        d.put("budget", spec.budget());
        d.put("shard", shard.index() + "/" + shard.count());
        d.putAll(executor.settings());
        d.put("runs", spec.runs().size());
        try {
            return MAPPER.writer(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(d);
        } catch (IOException e) {
            throw new IllegalStateException("cannot describe the study: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to mix runs of two budgets in one directory: their numbers would not be comparable.
     *
     * @throws OtherBudgetException naming the directory's {@code study.json} and both budgets
     */
    private void requireSameBudget() {
        StudyBudget previous = budgetIn(directory());
        if (previous != null && !previous.equals(spec.budget())) {
            throw new OtherBudgetException(directory().resolve(STUDY_JSON), previous, spec.budget());
        }
    }

    /**
     * The budget recorded in {@code dir/study.json}, or null if there is none.
     *
     * @throws IllegalArgumentException naming the file if it is unreadable
     */
    public static StudyBudget budgetIn(Path dir) {
        Path file = dir.resolve(STUDY_JSON);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return MAPPER.treeToValue(MAPPER.readTree(file.toFile()).get("budget"), StudyBudget.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is unreadable: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private List<StudyRun> mine(List<StudyRun> all) {
        return all.stream().filter(r -> shard.contains(r.index())).toList();
    }

    private List<StudyRun> pending(List<StudyRun> mine) {
        return mine.stream().filter(r -> !ledger.isFinished(r.key())).toList();
    }

    /** Loads every data set of {@code pending} and checks each architecture on it: a bad study fails before any run. */
    private void checkBeforeTheFirstRun(List<StudyRun> pending) {
        for (String dataset : pending.stream().map(r -> r.key().dataset()).distinct().toList()) {
            TrainTestSplit data = datasets.apply(dataset);
            for (StudyArchitecture arch : pending.stream().filter(r -> r.key().dataset().equals(dataset)).map(StudyRun::arch)
                    .distinct().toList()) {
                try {
                    arch.check(data);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("architecture '" + arch.name() + "' on data set " + dataset + ": "
                            + e.getMessage(), e);
                }
            }
        }
    }
}
