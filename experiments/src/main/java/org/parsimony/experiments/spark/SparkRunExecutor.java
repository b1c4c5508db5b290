package org.parsimony.experiments.spark;

import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.parsimony.experiments.study.RunExecutor;
import org.parsimony.experiments.study.RunGroup;
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
 * Executes a study's runs as the tasks of a Spark job: one task per {@link RunGroup} (the runs that share a dense
 * start, which the task trains once, or one variational run), each run seeded by its own seed, so the numbers are
 * those of the local executor. As each task finishes its results come back to the driver, which records them; a
 * failed task is reported and retried by Spark ({@code spark.task.maxFailures}, 4 by default; {@code local[N,4]}
 * embedded).
 * Each task uses one core ({@code spark.task.cpus=1}) and one OpenMP thread ({@code OMP_NUM_THREADS=1} in the
 * executors' environment; embedded, the driver's environment applies, which the launcher sets), so a cluster of N
 * cores trains N runs at once.
 */
public final class SparkRunExecutor implements RunExecutor {
    /**
     * A test's switch: the run key ({@link org.parsimony.experiments.study.RunKey#toString()}) whose task fails on its
     * first attempt, so that a test can watch Spark retry it.
     */
    public static final String FAIL_FIRST_ATTEMPT = "parsimony.spark.failFirstAttemptOf";
    private static final int LOCAL_MAX_FAILURES = 4;

    private final SparkConf conf;
    private final StudyData data;
    private final PrintStream out;

    private SparkRunExecutor(SparkConf conf, StudyData data, PrintStream out) {
        this.conf = conf;
        this.data = data;
        this.out = out;
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
        return new SparkRunExecutor(conf, data, out);
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
        return "on Spark " + conf.get("spark.master") + " (one task per dense start or variational run)";
    }

    @Override
    public void execute(List<StudyRun> pending, StudyBudget budget, Consumer<RunResult> finished) {
        if (pending.isEmpty()) {
            return;
        }
        List<RunGroup> groups = RunGroup.of(pending);
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.sc().addSparkListener(new RetryReport(groups, out));
            RDD<RunGroup> tasks = spark.parallelize(groups, groups.size()).rdd();
            List<Object> partitions = new ArrayList<>(IntStream.range(0, groups.size()).boxed().toList());
            @SuppressWarnings({"unchecked", "rawtypes"})
            ClassTag<List<RunResult>> resultType = (ClassTag) ClassTag$.MODULE$.apply(List.class);
            spark.sc().runJob(tasks, new GroupTask(data, budget), CollectionConverters.asScala(partitions).toSeq(),
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

    /** A task: trains the runs of its group on the executor and returns what they measured. */
    private static final class GroupTask extends AbstractFunction2<TaskContext, Iterator<RunGroup>, List<RunResult>>
            implements Serializable {
        private final StudyData data;
        private final StudyBudget budget;

        GroupTask(StudyData data, StudyBudget budget) {
            this.data = data;
            this.budget = budget;
        }

        @Override
        public List<RunResult> apply(TaskContext context, Iterator<RunGroup> groups) {
            List<RunResult> results = new ArrayList<>();
            while (groups.hasNext()) {
                RunGroup group = groups.next();
                String failing = System.getProperty(FAIL_FIRST_ATTEMPT);
                if (failing != null && context.attemptNumber() == 0
                        && group.runs().stream().anyMatch(r -> r.key().toString().equals(failing))) {
                    throw new IllegalStateException("injected failure of the first attempt of " + failing);
                }
                results.addAll(group.execute(data.load(group.dataset()), budget));
            }
            return results;
        }
    }

    /** On the driver: says which task failed and why, as Spark retries it (or gives up on it). */
    private static final class RetryReport extends SparkListener {
        private final List<RunGroup> groups;
        private final PrintStream out;

        RetryReport(List<RunGroup> groups, PrintStream out) {
            this.groups = groups;
            this.out = out;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExceptionFailure failure) {
                RunGroup group = groups.get(end.taskInfo().index());
                int more = group.runs().size() - 1;
                out.printf("task of %s%s failed on attempt %d on %s: %s: %s%n", group.runs().get(0).key(),
                        more == 0 ? "" : " (and " + more + " more run" + (more == 1 ? "" : "s") + ")",
                        end.taskInfo().attemptNumber() + 1, end.taskInfo().host(), failure.className(),
                        failure.description());
                out.flush();
            }
        }
    }

    /** On the driver: hands each finished task's runs on, as the task finishes. */
    private static final class Results extends AbstractFunction2<Object, List<RunResult>, BoxedUnit> {
        private final Consumer<RunResult> finished;

        Results(Consumer<RunResult> finished) {
            this.finished = finished;
        }

        @Override
        public BoxedUnit apply(Object partition, List<RunResult> results) {
            results.forEach(finished);
            return BoxedUnit.UNIT;
        }
    }
}
