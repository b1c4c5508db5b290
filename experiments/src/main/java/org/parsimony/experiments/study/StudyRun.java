package org.parsimony.experiments.study;

import java.io.Serializable;

/**
 * One run of a study, with its position in the study's fixed order (the index {@code --shard} splits by); serializable,
 * like what it holds and what it measures ({@link RunResult}), so that Spark can ship it to an executor and back.
 *
 * @param index  position in the study, 0-based
 * @param key    what the run is
 * @param arch   its architecture
 * @param method its method
 * @param variant the trainer variant of a variational run ({@link TrainerVariant#DEFAULTS} for every other run)
 */
public record StudyRun(int index, RunKey key, StudyArchitecture arch, StudyMethod method, TrainerVariant variant)
        implements Serializable {

    /** A run with the trainer's defaults. */
    public StudyRun(int index, RunKey key, StudyArchitecture arch, StudyMethod method) {
        this(index, key, arch, method, TrainerVariant.DEFAULTS);
    }

    /** The ratio of a criterion run. */
    public double ratio() {
        return key.ratioValue();
    }

    /** The dense start this run needs or is: one per (data set, architecture, seed). */
    public DenseKey denseKey() {
        return new DenseKey(key.dataset(), key.arch(), key.seed());
    }

    /** Whether the run needs the shared dense start. */
    public boolean needsDense() {
        return method == StudyMethod.dense || method.isCriterion();
    }

    /** Identifies a dense start. */
    public record DenseKey(String dataset, String arch, long seed) {
    }
}
