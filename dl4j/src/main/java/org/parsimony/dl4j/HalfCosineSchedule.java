package org.parsimony.dl4j;

import org.nd4j.linalg.schedule.ISchedule;
import org.parsimony.variational.optim.CosineAnnealing;

/**
 * A DL4J learning-rate schedule that anneals {@code rate} along a half cosine to 0 over {@code steps} minibatch
 * updates counted from the network's iteration {@code start}: {@code lr(t) = rate (1 + cos(pi t / T)) / 2}
 * ({@link CosineAnnealing}, Loshchilov &amp; Hutter 2017), the schedule the library's own fine-tuning uses. Only set
 * for the length of a fine-tuning run ({@link Dl4jData#fitAnnealed}), so a saved model never refers to this class.
 */
record HalfCosineSchedule(double rate, int start, long steps) implements ISchedule {

    @Override
    public double valueAt(int iteration, int epoch) {
        return CosineAnnealing.rate(rate, iteration - (long) start, steps);
    }

    @Override
    public ISchedule clone() {
        return new HalfCosineSchedule(rate, start, steps);
    }
}
