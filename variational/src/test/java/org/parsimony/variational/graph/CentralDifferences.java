package org.parsimony.variational.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.network.BatchNormState;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.VariationalConvParameters;
import org.parsimony.variational.network.VariationalLayer;
import org.parsimony.variational.network.VariationalNetwork;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference check of an ELBO objective's gradients: every entry of every parameter kind (means, log-variances,
 * biases, gates, batch-norm scales and shifts) of every layer against the central difference {@code (L(p + h) - L(p - h)) / 2h}, {@code h = 1e-6},
 * with the noise and the straight-through shifts held fixed; relative error below 1e-5.
 */
final class CentralDifferences {
    private CentralDifferences() {
    }

    /** Checks every parameter entry and returns how many were checked. */
    static int check(VariationalNetwork network, Supplier<ElboEvaluation> objective) {
        return check(network, objective, Integer.MAX_VALUE);
    }

    /**
     * Checks up to {@code perArray} entries of every parameter array (the first and last, then evenly spaced between),
     * for graphs too slow to check entry by entry; returns how many were checked.
     */
    static int check(VariationalNetwork network, Supplier<ElboEvaluation> objective, int perArray) {
        ElboEvaluation analytic = objective.get();
        double h = 1e-6;
        int checked = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            VariationalLayer p = network.layer(l);
            BatchNormState norm = p instanceof VariationalConvParameters conv ? conv.norm() : null;
            INDArray[] arrays = {p.weightMean(), p.weightLogVariance(), p.bias(), p.gate(),
                    norm == null ? null : norm.scale(), norm == null ? null : norm.shift()};
            ParameterKind[] kinds = {ParameterKind.WEIGHT_MEAN, ParameterKind.WEIGHT_LOG_VARIANCE, ParameterKind.BIAS,
                    ParameterKind.GATE, ParameterKind.BATCH_NORM_SCALE, ParameterKind.BATCH_NORM_SHIFT};
            for (int k = 0; k < arrays.length; k++) {
                if (arrays[k] == null) {
                    continue;
                }
                INDArray gradient = analytic.gradients().get(kinds[k].at(l));
                assertEquals(arrays[k].length(), gradient.length(), kinds[k].at(l).graphName());
                long length = arrays[k].length();
                long count = Math.min(length, perArray);
                for (long n = 0; n < count; n++) {
                    long i = count == length ? n : count == 1 ? 0 : n * (length - 1) / (count - 1);
                    double original = arrays[k].getDouble(i);
                    arrays[k].putScalar(i, original + h);
                    double plus = objective.get().loss();
                    arrays[k].putScalar(i, original - h);
                    double minus = objective.get().loss();
                    arrays[k].putScalar(i, original);
                    double numeric = (plus - minus) / (2 * h);
                    double exact = gradient.getDouble(i);
                    double error = Math.abs(numeric - exact) / Math.max(1e-3, Math.abs(numeric) + Math.abs(exact));
                    assertTrue(error < 1e-5, kinds[k].at(l) + "[" + i + "]: analytic " + exact + " vs numeric " + numeric);
                    checked++;
                }
            }
        }
        return checked;
    }
}
