package org.parsimony.experiments.study;

import org.parsimony.variational.data.InputScaling;
import org.parsimony.variational.data.TrainTestSplit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Where a study's data sets come from: a data set by name, its inputs scaled as the study's budget says. The
 * {@link StudyRunner} asks with its budget's {@link StudyBudget#inputs()}, so the scaling a study records is the one
 * its runs see.
 */
@FunctionalInterface
public interface StudyDatasets {

    /** The data set called {@code name}, scaled by {@code inputs}; may be called from worker threads. */
    TrainTestSplit load(String name, InputScaling inputs);

    /**
     * The data sets {@code unscaled} loads, scaled on request; each (name, scaling) loaded and scaled once, and only
     * the scaled copy kept.
     *
     * @param unscaled loads a data set by name, its inputs as read
     */
    static StudyDatasets scaling(Function<String, TrainTestSplit> unscaled) {
        Map<Map.Entry<String, InputScaling>, TrainTestSplit> scaled = new ConcurrentHashMap<>();
        return (name, inputs) -> scaled.computeIfAbsent(Map.entry(name, inputs), k -> inputs.apply(unscaled.apply(name)));
    }
}
