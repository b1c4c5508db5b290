package org.parsimony.experiments.study;

import org.parsimony.experiments.cli.DatasetOption;
import org.parsimony.variational.data.TrainTestSplit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A comparison study from Java, in the shape {@code parsimony compare} runs (ShrinkBench's: data set, model, strategy,
 * compression, seed):
 *
 * <pre>{@code
 * StudyResults results = Study.on("subset:1000").archs("mlp:30,10").methods("mu", "magnitude").ratios(0.5, 0.9)
 *         .seeds(1, 2, 3).budget(new StudyBudget(10, 10, 2, 50, InputScaling.standardized)).run(Path.of("runs/study"));
 * }</pre>
 *
 * <p>{@link #run} refuses a directory whose runs were made with another budget, scales the inputs as the budget says,
 * records every finished run in {@code runs.csv} at once (a rerun skips them) and writes {@code study.json}; it returns
 * the runs as {@link StudyResults}. Unset dimensions take the command line's defaults: {@code lenet300}, every method of
 * the budget's granularity ({@link StudyMethod#defaults}), {@link #UNIT_RATIOS} or {@link #WEIGHT_RATIOS}, seeds 1, 2,
 * 3 and {@link StudyBudget#defaults()}. Immutable: each setter returns a new study.
 */
public final class Study {
    /** The default ratios of a unit study. */
    public static final List<Double> UNIT_RATIOS = List.of(0.5, 0.7, 0.9);
    /** The default ratios of a weight study: 50 % to 99 % of the weights removed, finer towards the sparse end. */
    public static final List<Double> WEIGHT_RATIOS = List.of(0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.96, 0.97, 0.98,
            0.99);
    /** The default seeds. */
    public static final List<Long> SEEDS = List.of(1L, 2L, 3L);

    private final StudySpec spec;
    private final List<String> datasets;
    private final List<StudyArchitecture> archs;
    private final List<StudyMethod> methods;
    private final List<Double> ratios;
    private final List<Long> seeds;
    private final StudyBudget budget;
    private final StudyDatasets data;
    private final RunExecutor executor;
    private final Shard shard;
    private final PrintStream progress;

    private Study(StudySpec spec, List<String> datasets, List<StudyArchitecture> archs, List<StudyMethod> methods,
                  List<Double> ratios, List<Long> seeds, StudyBudget budget, StudyDatasets data, RunExecutor executor,
                  Shard shard, PrintStream progress) {
        this.spec = spec;
        this.datasets = datasets;
        this.archs = archs;
        this.methods = methods;
        this.ratios = ratios;
        this.seeds = seeds;
        this.budget = budget;
        this.data = data;
        this.executor = executor;
        this.shard = shard;
        this.progress = progress;
    }

    /**
     * A study on the data sets called {@code names}, as {@code compare --datasets} names them ({@code subset},
     * {@code fashion_mnist:3000}, {@code mnist}, {@code dir:DIR}, ...).
     *
     * @throws IllegalArgumentException naming a bad data set name
     */
    public static Study on(String... names) {
        List<String> list = List.of(names);
        list.forEach(DatasetOption::validate);
        return new Study(null, list, null, null, null, null, null,
                StudyDatasets.scaling(name -> DatasetOption.load(name, null)), new LocalRunExecutor(1), Shard.ALL,
                new PrintStream(OutputStream.nullOutputStream()));
    }

    /** A study on {@code data} (its inputs as read; the budget scales them), called {@code name} in the results. */
    public static Study on(String name, TrainTestSplit data) {
        Objects.requireNonNull(data, "data");
        return new Study(null, List.of(name), null, null, null, null, null, StudyDatasets.scaling(n -> data),
                new LocalRunExecutor(1), Shard.ALL, new PrintStream(OutputStream.nullOutputStream()));
    }

    /** The study {@code spec}, made elsewhere (the command line's flags and study file); its dimensions are fixed. */
    public static Study of(StudySpec spec) {
        Study study = on(spec.datasets().toArray(String[]::new));
        return new Study(spec, study.datasets, null, null, null, null, null, study.data, study.executor, study.shard,
                study.progress);
    }

    /** The same study on the architectures {@code names} ({@code lenet300}, {@code mlp:300,100}, {@code lenet5}, ...). */
    public Study archs(String... names) {
        List<StudyArchitecture> list = new ArrayList<>();
        for (String name : names) {
            list.addAll(StudyArchitecture.parseList(name));
        }
        return with(list, methods, ratios, seeds, budget);
    }

    /** The same study comparing the methods {@code names}: registered criteria, {@code variational}, {@code pfp}, ... */
    public Study methods(String... names) {
        return with(archs, Arrays.stream(names).map(StudyMethod::parse).toList(), ratios, seeds, budget);
    }

    /** The same study at pruning ratios {@code values}, each in [0, 1). */
    public Study ratios(double... values) {
        return with(archs, methods, Arrays.stream(values).boxed().toList(), seeds, budget);
    }

    /** The same study over the seeds {@code values}. */
    public Study seeds(long... values) {
        return with(archs, methods, ratios, Arrays.stream(values).boxed().toList(), budget);
    }

    /** The same study with {@code value} as the budget of every method (and its input scaling and granularity). */
    public Study budget(StudyBudget value) {
        return with(archs, methods, ratios, seeds, Objects.requireNonNull(value, "budget"));
    }

    /** The same study reading its data sets, unscaled, through {@code unscaled} (by name). */
    public Study data(Function<String, TrainTestSplit> unscaled) {
        return data(StudyDatasets.scaling(unscaled));
    }

    /** The same study reading its data sets from {@code value}. */
    public Study data(StudyDatasets value) {
        return new Study(spec, datasets, archs, methods, ratios, seeds, budget, Objects.requireNonNull(value, "data"),
                executor, shard, progress);
    }

    /** The same study running {@code count} runs at a time on threads of this JVM. */
    public Study workers(int count) {
        return executor(new LocalRunExecutor(count));
    }

    /** The same study running on {@code value} (threads, or a Spark cluster). */
    public Study executor(RunExecutor value) {
        return new Study(spec, datasets, archs, methods, ratios, seeds, budget, data,
                Objects.requireNonNull(value, "executor"), shard, progress);
    }

    /** The same study running only {@code value}'s part of the runs. */
    public Study shard(Shard value) {
        return new Study(spec, datasets, archs, methods, ratios, seeds, budget, data, executor,
                Objects.requireNonNull(value, "shard"), progress);
    }

    /** The same study printing its progress lines to {@code out} (by default nowhere). */
    public Study progress(PrintStream out) {
        return new Study(spec, datasets, archs, methods, ratios, seeds, budget, data, executor, shard,
                Objects.requireNonNull(out, "out"));
    }

    private Study with(List<StudyArchitecture> a, List<StudyMethod> m, List<Double> r, List<Long> s, StudyBudget b) {
        if (spec != null) {
            throw new IllegalStateException("the dimensions of a study made from a StudySpec are fixed");
        }
        return new Study(null, datasets, a, m, r, s, b, data, executor, shard, progress);
    }

    /**
     * The study's runs, the unset dimensions at their defaults.
     *
     * @throws IllegalArgumentException naming the first bad dimension
     */
    public StudySpec spec() {
        if (spec != null) {
            return spec;
        }
        StudyBudget b = budget != null ? budget : StudyBudget.defaults();
        boolean weights = b.granularity() == Granularity.weights;
        return new StudySpec(datasets, archs != null ? archs : StudyArchitecture.parseList("lenet300"),
                methods != null ? methods : StudyMethod.defaults(b.granularity()),
                ratios != null ? ratios : weights ? WEIGHT_RATIOS : UNIT_RATIOS, seeds != null ? seeds : SEEDS, b);
    }

    /**
     * Runs the study's runs not yet finished in {@code dir} (the directory's lock is the caller's, as for the command
     * line).
     *
     * @throws IllegalArgumentException if {@code dir} holds runs of another budget (naming its {@code study.json}), or
     *                                  an architecture does not fit a data set; nothing is run then
     */
    public StudyResults run(Path dir) {
        StudySpec s = spec();
        StudyRunner runner = new StudyRunner(s, data, RunLedger.open(dir, RunLedger.fileName(shard)), executor, shard,
                progress);
        StudyRunner.Outcome outcome = runner.run();
        return StudyResults.of(s, dir, outcome);
    }
}
