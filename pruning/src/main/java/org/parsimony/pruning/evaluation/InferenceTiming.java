package org.parsimony.pruning.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.network.DeterministicNetwork;

import java.util.Arrays;

/**
 * Wall-clock inference time of a network on a fixed input matrix: the median of {@code repeats} timed forward
 * passes after {@code repeats} untimed warm-up passes (JIT and native thread pools settle first). This is a
 * measurement printed next to a FLOP count, not a benchmark harness; {@code parsimony bench} is the place for those.
 */
public final class InferenceTiming {
    private InferenceTiming() {
    }

    /** Median seconds of one forward pass of {@code network} over {@code inputs}. */
    public static double medianSeconds(DeterministicNetwork network, INDArray inputs, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        for (int i = 0; i < repeats; i++) {
            network.logits(inputs);
        }
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            network.logits(inputs);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[repeats / 2];
    }
}
