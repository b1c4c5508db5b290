package org.parsimony.experiments.study;

import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.NetworkComplexity;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What one run measured on the test set: accuracy right after the structure was decided and after fine-tuning,
 * parameters, multiply-adds and hidden units kept against the architecture's dense start.
 *
 * @param accuracyBefore accuracy before fine-tuning (a fraction)
 * @param accuracyAfter  accuracy after fine-tuning
 * @param paramsKept     weights and biases of the final network
 * @param paramsStart    weights and biases of the dense start
 * @param flopsKept      multiply-adds per example of the final network
 * @param flopsStart     multiply-adds per example of the dense start
 * @param unitsKept      hidden units per layer of the final network
 * @param unitsStart     hidden units per layer of the dense start
 */
public record RunMeasurement(double accuracyBefore, double accuracyAfter, long paramsKept, long paramsStart,
                             long flopsKept, long flopsStart, int[] unitsKept, int[] unitsStart)
        implements Serializable {

    /** @throws IllegalArgumentException for an accuracy outside [0, 1], a negative count or more kept than started */
    public RunMeasurement {
        for (double accuracy : new double[] {accuracyBefore, accuracyAfter}) {
            if (!(accuracy >= 0 && accuracy <= 1)) {
                throw new IllegalArgumentException("an accuracy must be a fraction in [0, 1], got " + accuracy);
            }
        }
        requireKept("parameters", paramsKept, paramsStart);
        requireKept("multiply-adds", flopsKept, flopsStart);
        if (unitsKept.length != unitsStart.length) {
            throw new IllegalArgumentException("units kept " + Arrays.toString(unitsKept) + " and at the start "
                    + Arrays.toString(unitsStart) + " differ in layers");
        }
        for (int l = 0; l < unitsKept.length; l++) {
            requireKept("units of hidden layer " + (l + 1), unitsKept[l], unitsStart[l]);
        }
    }

    private static void requireKept(String what, long kept, long start) {
        if (kept < 0 || start <= 0 || kept > start) {
            throw new IllegalArgumentException(what + ": " + kept + " kept of " + start + " is impossible");
        }
    }

    /**
     * The measurement of {@code result} against {@code start} (the dense start's complexity and hidden widths
     * {@code n_0, ..., n_L}): parameters, multiply-adds and hidden units kept.
     */
    public static RunMeasurement of(double accuracyBefore, double accuracyAfter, DeterministicNetwork result,
                                    NetworkComplexity start, int[] startWidths) {
        return new RunMeasurement(accuracyBefore, accuracyAfter, result.complexity().parameters(),
                start.parameters(), result.complexity().multiplyAdds(), start.multiplyAdds(), hidden(result.widths()),
                hidden(startWidths));
    }

    /** The dense start's own measurement: nothing removed, accuracy before and after equal. */
    public static RunMeasurement dense(DeterministicNetwork network, LabeledData test) {
        double accuracy = network.accuracy(test);
        return new RunMeasurement(accuracy, accuracy, network.complexity().parameters(), network.complexity().parameters(),
                network.complexity().multiplyAdds(), network.complexity().multiplyAdds(), hidden(network.widths()),
                hidden(network.widths()));
    }

    private static int[] hidden(int[] widths) {
        return Arrays.copyOfRange(widths, 1, widths.length - 1);
    }

    /** Fraction of the dense start's parameters that remain. */
    public double paramsFraction() {
        return (double) paramsKept / paramsStart;
    }

    /** Fraction of the dense start's multiply-adds that remain. */
    public double flopsFraction() {
        return (double) flopsKept / flopsStart;
    }
}
