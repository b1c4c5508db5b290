package org.parsimony.experiments.study;

import java.io.Serializable;

/**
 * A finished run: a row of {@code runs.csv}.
 *
 * @param key         what ran
 * @param measurement what it measured
 * @param seconds     wall time of the run (for a criterion, not counting the shared dense start)
 */
public record RunResult(RunKey key, RunMeasurement measurement, double seconds) implements Serializable {
}
