package org.parsimony.experiments.cli;

import org.parsimony.experiments.plots.PlotFiles;
import org.parsimony.experiments.study.StudyArchitecture;
import org.parsimony.experiments.study.ResultCell;
import org.parsimony.experiments.study.ResultsCsv;
import org.parsimony.experiments.study.RobustnessTable;
import org.parsimony.experiments.study.RunLedger;
import org.parsimony.experiments.study.RunResult;
import org.parsimony.experiments.study.Shard;
import org.parsimony.experiments.study.StudyBudget;
import org.parsimony.experiments.study.StudyFile;
import org.parsimony.experiments.study.Granularity;
import org.parsimony.pruning.policy.RatioScope;
import org.parsimony.variational.data.InputScaling;
import org.parsimony.experiments.study.StudyMethod;
import org.parsimony.experiments.study.StudyRunner;
import org.parsimony.experiments.study.Study;
import org.parsimony.experiments.study.StudyDatasets;
import org.parsimony.experiments.study.StudyResults;
import org.parsimony.experiments.study.OtherBudgetException;
import org.parsimony.experiments.study.StudySpec;
import org.parsimony.experiments.study.TrainerVariant;
import org.parsimony.experiments.study.SummaryTable;
import org.parsimony.variational.io.AtomicFileWriter;
import org.parsimony.experiments.spark.SparkRunExecutor;
import org.parsimony.experiments.spark.StudyData;
import org.parsimony.experiments.study.LocalRunExecutor;
import org.parsimony.experiments.study.RunExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code parsimony compare}: a comparison study of data sets x architectures x methods x ratios x seeds, from flags or a
 * JSON study file. Every finished run is recorded in {@code runs.csv} at once, a rerun skips the finished ones, and the
 * end writes {@code summary.md} and the accuracy-vs-compression plots ({@code robustness.md} for the robustness preset).
 * The runs execute on {@code --workers} threads or, with {@code --spark}, as the tasks of a Spark job.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Comparison study: datasets x architectures x methods x ratios x seeds, resumable, shardable.")
public final class CompareCommand implements Callable<Integer> {
    static final String STUDY_JSON = StudyRunner.STUDY_JSON;
    static final String SUMMARY = "summary.md";
    static final String ROBUSTNESS = "robustness.md";
    // the robustness preset's factors, written once: as help text and, split at commas, as the defaults
    static final String ROBUSTNESS_DATASETS_TEXT = "fashion_mnist:1000,fashion_mnist:3000,fashion_mnist:8000,"
            + "fashion_mnist:30000,fashion_mnist";
    static final String ROBUSTNESS_ARCHS_TEXT = "lenet300,mlp:150,50,mlp:600,200,mlp:1200,400";
    static final String ROBUSTNESS_VARIANTS_TEXT = "init=0.5,init=2,lr=3e-4,lr=3e-3,batch=64,batch=256";
    private static final StudyFile NO_FILE = new StudyFile(null, null, null, null, null, null, null, null, null, null,
            null, null);

    @Option(names = "--study", description = "JSON study file (datasets, archs, methods, ratios, seeds, denseEpochs, epochs, fineTune, inputs, "
            + "granularity, scope, rounds); flags given as well override it")
    Path studyFile;

    @Option(names = "--preset", description = "robustness: the variational method one factor at a time around its defaults "
            + "(data-set size " + ROBUSTNESS_DATASETS_TEXT + "; widths " + ROBUSTNESS_ARCHS_TEXT + "; trainer variants "
            + ROBUSTNESS_VARIANTS_TEXT + "; seeds 1,2,3; 40 + 20 epochs, dense references of 60 epochs), writes robustness.md")
    String preset;

    @Option(names = "--datasets", split = ",", description = "subset, fashion_mnist, mnist, cifar10, each optionally with a training-set "
            + "size drawn stratified with a fixed seed, e.g. fashion_mnist:3000 (default subset)")
    List<String> datasets;

    @Option(names = "--data-dir", description = "an IDX or CIFAR-10 binary directory as the data set, short for --datasets dir:DIR")
    Path dataDir;

    @Option(names = "--csv", description = "a CSV data set with the label column --label, short for --datasets csv:FILE:LABEL")
    Path csv;

    @Option(names = "--label", description = "the label column of --csv")
    String label;

    @Option(names = "--variants", split = ",", description = "trainer variants of the variational method, run on the first "
            + "architecture besides its defaults: init=C (initial weight scale), lr=R, batch=B, kl=L (tempered KL weight); none for none (default none; "
            + "robustness preset " + ROBUSTNESS_VARIANTS_TEXT + ")")
    List<String> variants;

    @Option(names = "--archs", description = "lenet300, mlp:W1,W2,..., lenet5, vgg, vgg16, resnet20 or resnet56 (conv nets: filters are the units; resize with "
            + "lenet5:F1,F2,U3 or vgg16:x0.25), separated by commas, e.g. lenet300,mlp:20,10,lenet5 (default lenet300)")
    List<String> archs;

    @Option(names = "--granularity", description = "units (hidden units removed, the default) or weights (single weights "
            + "masked and stored sparse; FLOPs are the non-zero multiply-adds)")
    Granularity granularity;

    @Option(names = "--scope", description = "LAYER_WISE (each layer pruned by the ratio, the default) or GLOBAL (one ranking over the net)")
    RatioScope scope;

    @Option(names = "--rounds", description = "prune-and-fine-tune rounds of the criteria: 1 one-shot (default), K "
            + "iterative to the ratio, the criterion recomputed on each round's network")
    Integer rounds;

    @Option(names = "--methods", split = ",", completionCandidates = MethodNames.class, description = "${COMPLETION-CANDIDATES}: "
            + "the registered criteria run at both granularities, variational and pfp at units only, mu-var and sipp at "
            + "weights only (default all of the granularity)")
    List<String> methods;

    /** The methods a study knows, for the help of {@code --methods}: derived from the criteria registry. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return StudyMethod.values().stream().filter(m -> m != StudyMethod.dense).map(StudyMethod::label).iterator();
        }
    }

    @Option(names = "--ratios", split = ",", description = "fractions of hidden units (or weights) the criteria remove "
            + "(default units 0.5,0.7,0.9; weights 0.5,0.6,0.7,0.8,0.85,0.9,0.925,0.95,0.96,0.97,0.98,0.99)")
    List<String> ratios;

    @Option(names = "--seeds", split = ",", description = "seeds (default 1,2,3)")
    List<String> seeds;

    @Option(names = "--dense-epochs", description = "epochs of the dense start the criteria prune (default 10; robustness preset 60)")
    Integer denseEpochs;

    @Option(names = "--epochs", description = "epochs of variational training (default: --dense-epochs; robustness preset 40)")
    Integer epochs;

    @Option(names = "--fine-tune", description = "fine-tuning epochs of every method (default 2; robustness preset 20)")
    Integer fineTune;

    @Option(names = "--inputs", description = "standardized (by the training set's pixel mean and std) or raw pixels in [0, 1], for every run (default standardized)")
    InputScaling inputs;

    @Option(names = "--bootstrap-window", defaultValue = "50", description = "pseudo-bootstrap window of MU in Adam updates (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--workers", defaultValue = "1", description = "runs at the same time (each uses one OpenMP thread; default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--shard", description = "K/N: run only the runs whose index modulo N is K")
    String shard;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "run the runs as Apache Spark tasks: on MASTER (spark://host:7077, k8s://https://host:443, local[4]), "
                    + "on spark-submit's master, or else embedded on local[N] (N = --workers, default all cores)")
    String spark;

    @Spec
    CommandSpec command;

    @Option(names = "--report-only", description = "run nothing: rebuild summary and plots from the runs*.csv files of --out and every --merge directory")
    boolean reportOnly;

    @Option(names = "--merge", description = "with --report-only: another output directory whose runs are merged into --out (repeatable)")
    List<Path> merge = new ArrayList<>();

    @Option(names = "--cache-dir", description = "where the mnist data set is downloaded to (default ~/.cache/parsimony/mnist)")
    Path cacheDir;

    @Option(names = "--out", defaultValue = "runs/compare", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        Shard part = shard == null || reportOnly ? Shard.ALL : Shard.parse(shard);
        // the shards of a study may share --out (each writes its own runs file); anything else owns it
        try (OutputDirectoryLock lock = part.isAll() ? OutputDirectoryLock.exclusive(out)
                : OutputDirectoryLock.shared(out, RunLedger.fileName(part))) {
            return compare(part);
        }
    }

    /** Runs {@code part} of the study in {@code out} (or reports it), holding {@code out}. */
    private int compare(Shard part) {
        PrintStream console = System.out;
        boolean robustness = robustnessPreset();
        if (reportOnly) {
            StudyBudget budget = readBudget();
            return report(console, RunLedger.readAll(resultDirectories()), budget == null ? null : statement(budget, robustness),
                    budget == null ? Granularity.units : budget.granularity(), robustness, !merge.isEmpty());
        }
        if (!merge.isEmpty()) {
            throw new IllegalArgumentException("--merge needs --report-only");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        StudySpec spec = spec(robustness);
        // the study refuses another budget's directory and checks before it writes study.json or runs anything
        StudyResults results;
        try {
            results = Study.of(spec).data(spark == null ? StudyDatasets.scaling(n -> DatasetOption.load(n, cacheDir))
                    : StudyData.in(cacheDir)).executor(executor(spec.budget().inputs(), console)).shard(part)
                    .progress(console).run(out);
        } catch (OtherBudgetException e) {
            throw studyFile == null ? e : new IllegalArgumentException("study file " + studyFile + ": " + e.getMessage(), e);
        }
        console.printf("executed %d runs, skipped %d finished%n", results.outcome().executed(), results.outcome().skipped());
        return report(console, RunLedger.readAll(List.of(out)), statement(spec.budget(), robustness),
                spec.budget().granularity(), robustness, false);
    }

    /**
     * Threads of this JVM, or with {@code --spark} the tasks of a Spark job (the Spark classes are loaded only then).
     */
    private RunExecutor executor(InputScaling scaling, PrintStream console) {
        if (spark == null) {
            return new LocalRunExecutor(workers);
        }
        try {
            Class.forName("org.apache.spark.SparkContext", false, CompareCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--spark: Spark is not on the class path; run ./parsimony (which adds it "
                    + "for --spark) or submit the jar with spark-submit");
        }
        boolean workersGiven = command.commandLine().getParseResult().hasMatchedOption("--workers");
        return SparkRunExecutor.on(spark, workersGiven ? workers : Runtime.getRuntime().availableProcessors(),
                StudyData.of(cacheDir, scaling), console);
    }

    private boolean robustnessPreset() {
        if (preset == null) {
            return false;
        }
        if (!preset.equals("robustness")) {
            throw new IllegalArgumentException("unknown --preset '" + preset + "' (known: robustness)");
        }
        return true;
    }

    /**
     * The study from the file (if any), overridden by the flags given, with the defaults (of the preset) for the rest.
     *
     * @throws IllegalArgumentException naming the study file if a value in it is what makes the study invalid
     */
    StudySpec spec(boolean robustness) {
        if (studyFile == null) {
            return spec(robustness, NO_FILE);
        }
        StudyFile file = StudyFile.read(studyFile);
        try {
            return spec(robustness, file);
        } catch (IllegalArgumentException e) {
            if (validWithoutFile(robustness)) {
                throw new IllegalArgumentException("study file " + studyFile + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Whether the flags and defaults alone make a valid study (so that an invalid one is the study file's doing). */
    private boolean validWithoutFile(boolean robustness) {
        try {
            spec(robustness, NO_FILE);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private StudySpec spec(boolean robustness, StudyFile file) {
        List<String> datasetNames = pick(DatasetOption.withSources(datasets, dataDir, csv, label), file.datasets(),
                robustness ? List.of(ROBUSTNESS_DATASETS_TEXT.split(",")) : List.of("subset"));
        datasetNames.forEach(DatasetOption::validate);
        List<StudyArchitecture> architectures = new ArrayList<>();
        for (String list : pick(archs, file.archs(), robustness ? List.of(ROBUSTNESS_ARCHS_TEXT) : List.of("lenet300"))) {
            architectures.addAll(StudyArchitecture.parseList(list));
        }
        Granularity level = pick(granularity, file.granularity(), Granularity.units);
        boolean weightLevel = level == Granularity.weights;
        List<StudyMethod> methodList = pick(methods, file.methods(), robustness ? List.of("variational")
                : StudyMethod.defaults(level).stream().map(StudyMethod::label).toList()).stream().map(StudyMethod::parse)
                .toList();
        List<Double> ratioList = ratios != null ? numbers(ratios, "--ratios", Double::parseDouble)
                : file.ratios() != null ? file.ratios() : robustness ? List.of()
                : weightLevel ? Study.WEIGHT_RATIOS : Study.UNIT_RATIOS;
        List<Long> seedList = seeds != null ? numbers(seeds, "--seeds", Long::parseLong)
                : file.seeds() != null ? file.seeds() : Study.SEEDS;
        StudyBudget defaults = StudyBudget.defaults();
        int dense = denseEpochs != null ? denseEpochs : file.denseEpochs() != null ? file.denseEpochs() : robustness ? 60
                : defaults.denseEpochs();
        int variational = epochs != null ? epochs : file.epochs() != null ? file.epochs() : robustness ? 40 : dense;
        int tune = fineTune != null ? fineTune : file.fineTune() != null ? file.fineTune() : robustness ? 20
                : defaults.fineTuneEpochs();
        List<TrainerVariant> variantList = TrainerVariant.parseList(variants != null ? variants
                : robustness ? List.of(ROBUSTNESS_VARIANTS_TEXT.split(",")) : List.of());
        return new StudySpec(datasetNames, architectures, methodList, ratioList, seedList,
                new StudyBudget(dense, variational, tune, window, pick(inputs, file.inputs(), defaults.inputs()),
                        level, pick(scope, file.scope(), RatioScope.LAYER_WISE), pick(rounds, file.rounds(), 1)),
                variantList, robustness);
    }

    private static <T> T pick(T flag, T fromFile, T fallback) {
        return flag != null ? flag : fromFile != null ? fromFile : fallback;
    }

    private static <T> List<T> numbers(List<String> texts, String option, Function<String, T> parse) {
        List<T> values = new ArrayList<>();
        for (String t : texts) {
            try {
                values.add(parse.apply(t.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + t + "' is not a number");
            }
        }
        return values;
    }

    private static String statement(StudyBudget budget, boolean robustness) {
        return robustness ? budget.variationalStatement() : budget.statement();
    }

    private StudyBudget readBudget() {
        for (Path dir : resultDirectories()) {
            StudyBudget budget = StudyRunner.budgetIn(dir);
            if (budget != null) {
                return budget;
            }
        }
        return null;
    }

    private List<Path> resultDirectories() {
        List<Path> dirs = new ArrayList<>();
        if (Files.isDirectory(out) || merge.isEmpty()) {
            dirs.add(out);
        }
        dirs.addAll(merge);
        return dirs;
    }

    private int report(PrintStream console, List<RunResult> results, String budget, Granularity level, boolean robustness,
                       boolean merged) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no finished runs in " + resultDirectories() + " to report");
        }
        List<Path> written = new ArrayList<>();
        if (merged) {
            Path csv = out.resolve("runs.csv");
            AtomicFileWriter.write(csv, ResultsCsv.format(results));
            written.add(csv);
        }
        List<Path> plots = level == Granularity.weights ? PlotFiles.writeWeightCurves(ResultCell.group(results), out)
                : PlotFiles.write(ResultCell.group(results), out);
        Path summary = out.resolve(SUMMARY);
        AtomicFileWriter.write(summary, SummaryTable.markdown(results, budget,
                plots.stream().map(p -> p.getFileName().toString()).toList()));
        written.add(summary);
        if (robustness) {
            Path table = out.resolve(ROBUSTNESS);
            AtomicFileWriter.write(table, RobustnessTable.markdown(results, budget));
            written.add(table);
            written.addAll(PlotFiles.writeRobustness(ResultCell.group(results), DatasetOption::trainExamples, out));
        }
        written.addAll(plots);
        console.printf("%d runs in the report; wrote:%n", results.size());
        for (Path p : written) {
            console.println("  " + p.toAbsolutePath());
        }
        return 0;
    }
}
