package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;

/**
 * Trains one run of a study: the dense start (through {@link DenseStarts}, so the runs that share it train it once),
 * a criterion applied to that start, or a variational network from scratch. Seeded by the run's own seed only.
 */
final class RunTraining {
    private RunTraining() {
    }

    /** Trains {@code run} on {@code data} within {@code budget}, and releases its hold on the dense start. */
    static RunResult execute(StudyRun run, TrainTestSplit data, StudyBudget budget, DenseStarts denseStarts) {
        StudyArchitecture arch = run.arch();
        long seed = run.key().seed();
        try {
            if (run.method() == StudyMethod.dense) {
                DenseStarts.Timed dense = denseStarts.get(run, () -> arch.trainDense(data, budget, seed));
                return new RunResult(run.key(), dense.dense().baseline(), dense.seconds());
            }
            if (run.method() == StudyMethod.variational) {
                long start = System.nanoTime();
                RunMeasurement m = arch.trainVariational(data, budget, seed, run.variant());
                return new RunResult(run.key(), m, (System.nanoTime() - start) / 1e9);
            }
            DenseStarts.Timed dense = denseStarts.get(run, () -> arch.trainDense(data, budget, seed));
            long start = System.nanoTime();
            RunMeasurement m = arch.prune(dense.dense(), run.method(), run.ratio(), seed, data, budget);
            return new RunResult(run.key(), m, (System.nanoTime() - start) / 1e9);
        } finally {
            denseStarts.release(run);
        }
    }
}
