package org.parsimony.experiments.spark;

import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.parsimony.experiments.study.ClusterRuns;
import org.parsimony.experiments.study.RunExecutor;
import org.parsimony.experiments.study.RunResult;
import org.parsimony.experiments.study.StudyBudget;
import org.parsimony.experiments.study.StudyRun;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.io.PrintStream;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Executes a study's runs as the tasks of a Spark job, one run per task, in the order of {@link ClusterRuns} (the
 * runs that share a dense start adjacent, the dense run first); each executor JVM trains a dense start once for the
 * runs it holds it for, so embedded Spark shares the starts as the local workers do. Each run is seeded by its own
 * seed, so the numbers are those of the local executor. As each task finishes its run comes back to the driver, which
 * records it; a failed task is reported and retried by Spark ({@code spark.task.maxFailures}, 4 by default;
 * {@code local[N,4]} embedded).
 * Each task uses one core ({@code spark.task.cpus=1}) and one OpenMP thread ({@code OMP_NUM_THREADS=1} in the
 * executors' environment; embedded, the driver's environment applies, which the launcher sets), so a cluster of N
 * cores trains N runs at once.
 */
public final class SparkRunExecutor implements RunExecutor {
    /**
     * A test's switch: the run key ({@link org.parsimony.experiments.study.RunKey#toString()}) whose task fails on its
     * first attempt (before it trains anything), so that a test can watch Spark retry it.
     */
    public static final String FAIL_FIRST_ATTEMPT = "parsimony.spark.failFirstAttemptOf";
    private static final int LOCAL_MAX_FAILURES = 4;

    private final SparkConf conf;
    private final StudyData data;
    private final PrintStream out;
    private final int localCores;

    private SparkRunExecutor(SparkConf conf, StudyData data, PrintStream out, int localCores) {
        this.conf = conf;
        this.data = data;
        this.out = out;
        this.localCores = localCores;
    }

    /**
     * An executor on {@code master}; if it is empty, on the master spark-submit chose ({@code spark.master}), or
     * else embedded on {@code local[localCores]}.
     *
     * @param master     a Spark master URL ({@code spark://host:7077}, {@code k8s://https://host:443},
     *                   {@code local[4]}), or empty
     * @param localCores tasks at once when Spark runs embedded, >= 1
     * @param data       where the executors read the data sets
     * @param out        where a failed task that Spark retries is reported
     */
    public static SparkRunExecutor on(String master, int localCores, StudyData data, PrintStream out) {
        if (localCores < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + localCores);
        }
        SparkConf conf = new SparkConf().setAppName("parsimony compare");
        if (!master.isBlank()) {
            conf.setMaster(master.strip());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[" + localCores + "," + LOCAL_MAX_FAILURES + "]");
        }
        conf.setIfMissing("spark.task.cpus", "1");
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.setIfMissing("spark.executorEnv.MALLOC_ARENA_MAX", "2");
        if (conf.get("spark.master").startsWith("local")) { // embedded: no other machine to serve
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "localhost");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else if (!conf.contains("spark.jars")) { // not spark-submit's: the executors fetch this jar from the driver
            conf.setJars(new String[] {ownJar()});
        }
        return new SparkRunExecutor(conf, data, out, localCores);
    }

    private static String ownJar() {
        try {
            return Path.of(SparkRunExecutor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + SparkRunExecutor.class.getName(), e);
        }
    }

    @Override
    public String describe() {
        return "on Spark " + conf.get("spark.master") + " (one task per run, dense starts shared per executor)";
    }

    @Override
    public java.util.Map<String, Object> settings() {
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("workers", localCores);
        settings.put("executor", describe());
        return settings;
    }

    /** Executes on Spark; each executor loads the data sets itself ({@link StudyData}), scaled as the budget says. */
    @Override
    public void execute(List<StudyRun> pending, StudyBudget budget, java.util.function.Function<String,
            org.parsimony.variational.data.TrainTestSplit> datasets, Consumer<RunResult> finished) {
        if (pending.isEmpty()) {
            return;
        }
        ClusterRuns runs = new ClusterRuns(pending);
        List<StudyRun> ordered = runs.runs();
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.sc().addSparkListener(new RetryReport(ordered, out));
            RDD<StudyRun> tasks = spark.parallelize(ordered, ordered.size()).rdd();
            List<Object> partitions = new ArrayList<>(IntStream.range(0, ordered.size()).boxed().toList());
            ClassTag<RunResult> resultType = ClassTag$.MODULE$.apply(RunResult.class);
            spark.sc().runJob(tasks, new RunTask(runs, new StudyData(data.cacheDir(), budget.inputs()), budget), CollectionConverters.asScala(partitions).toSeq(),
                    new Results(finished), resultType);
        } catch (Exception e) { // Scala declares no checked exceptions: runJob throws SparkException undeclared
            if (e instanceof SparkException spark) {
                throw failure(spark);
            }
            throw e;
        }
    }

    /**
     * The exception of the run that failed for good (as the local executor would throw it), or else Spark's own
     * (a master it cannot reach, a lost executor) as one line naming {@code --spark}.
     */
    private RuntimeException failure(SparkException e) {
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        return new IllegalArgumentException("--spark " + conf.get("spark.master") + ": Spark stopped the study: "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }

    /** A task: trains its run on the executor, with the executor's dense starts, and returns what it measured. */
    private static final class RunTask extends AbstractFunction2<TaskContext, Iterator<StudyRun>, RunResult>
            implements Serializable {
        private final ClusterRuns runs;
        private final StudyData data;
        private final StudyBudget budget;

        RunTask(ClusterRuns runs, StudyData data, StudyBudget budget) {
            this.runs = runs;
            this.data = data;
            this.budget = budget;
        }

        @Override
        public RunResult apply(TaskContext context, Iterator<StudyRun> partition) {
            StudyRun run = partition.next(); // one run per partition
            String failing = System.getProperty(FAIL_FIRST_ATTEMPT);
            if (context.attemptNumber() == 0 && run.key().toString().equals(failing)) {
                throw new IllegalStateException("injected failure of the first attempt of " + failing);
            }
            return runs.execute(run, data.load(run.key().dataset()), budget);
        }
    }

    /** On the driver: says which task failed and why, as Spark retries it (or gives up on it). */
    private static final class RetryReport extends SparkListener {
        private final List<StudyRun> runs;
        private final PrintStream out;

        RetryReport(List<StudyRun> runs, PrintStream out) {
            this.runs = runs;
            this.out = out;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExceptionFailure failure) {
                out.printf("task of %s failed on attempt %d on %s: %s: %s%n", runs.get(end.taskInfo().index()).key(),
                        end.taskInfo().attemptNumber() + 1, end.taskInfo().host(), failure.className(),
                        failure.description());
                out.flush();
            }
        }
    }

    /** On the driver: hands each finished task's run on, as the task finishes. */
    private static final class Results extends AbstractFunction2<Object, RunResult, BoxedUnit> {
        private final Consumer<RunResult> finished;

        Results(Consumer<RunResult> finished) {
            this.finished = finished;
        }

        @Override
        public BoxedUnit apply(Object partition, RunResult result) {
            finished.accept(result);
            return BoxedUnit.UNIT;
        }
    }
}
