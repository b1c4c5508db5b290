package org.parsimony.experiments.study;

/**
 * A trained dense start, produced and consumed by one {@link StudyArchitecture}: the runner only caches it per
 * (data set, architecture, seed) and hands it back for every criterion and ratio.
 */
public interface TrainedDense {
    /** The dense network's own measurement (nothing removed), the study's baseline. */
    RunMeasurement baseline();
}
