package org.parsimony.experiments.spark;

import org.parsimony.experiments.cli.DatasetOption;
import org.parsimony.variational.data.InputScaling;
import org.parsimony.variational.data.TrainTestSplit;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a study's data sets are read on every machine of a cluster, and how their inputs are scaled: the subset
 * bundled in the jar, {@code fashion_mnist} from {@code /usr/share/datasets/fashion-mnist} and {@code mnist} from
 * {@code cacheDir}, each of which every executor must be able to read. A data set is loaded, and so checked by its
 * loader (IDX headers, MNIST's pinned SHA-256 sums), once per JVM: the first task of an executor that needs it loads
 * it, the others share it. Serializable, so that Spark ships it to the executors with the tasks.
 *
 * @param cacheDir where {@code mnist} is kept, or {@code null} for the default cache of each machine
 * @param inputs   the study's input scaling
 */
public record StudyData(String cacheDir, InputScaling inputs) implements Serializable {
    private static final Map<StudyData.Loaded, TrainTestSplit> LOADED = new ConcurrentHashMap<>();

    private record Loaded(StudyData data, String name) {
    }

    /** The data of a study whose {@code mnist} is kept in {@code cacheDir} (null: the default cache). */
    public static StudyData of(Path cacheDir, InputScaling inputs) {
        return new StudyData(cacheDir == null ? null : cacheDir.toAbsolutePath().toString(), inputs);
    }

    /** The data sets of {@code cacheDir} for a study runner, scaled as it asks (shared with embedded Spark tasks). */
    public static org.parsimony.experiments.study.StudyDatasets in(Path cacheDir) {
        return (name, inputs) -> of(cacheDir, inputs).load(name);
    }

    /** The data set called {@code name}, scaled; loaded and checked by the first call in this JVM. */
    public TrainTestSplit load(String name) {
        return LOADED.computeIfAbsent(new Loaded(this, name),
                k -> inputs.apply(DatasetOption.load(name, cacheDir == null ? null : Path.of(cacheDir))));
    }
}
