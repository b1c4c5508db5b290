package org.parsimony.pruning.statistics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.network.UnitSelection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a pruning criterion may know about one dense layer with {@code n_in} inputs and {@code n} units:
 * the weight means {@code mu} {@code [n_in, n]}, the weight standard deviations {@code sigma}
 * {@code [n_in, n]} (a posterior or pseudo-bootstrap estimate; absent for a bare point estimate), the gate
 * probability {@code pi_j} of each unit (1 where the layer has no gates) and, optionally, the history of the
 * weight values over recent optimizer updates (oldest first). Unit {@code j} owns the incoming weight column
 * {@code W[:, j]}.
 *
 * <p>Immutable; means and standard deviations are held in {@code double}, the history in the data type it
 * was recorded in ({@code float} from the pseudo bootstrap); all are handed out as copies.
 */
public final class LayerStatistics {
    private final INDArray weightMean;
    private final INDArray weightStandardDeviation;
    private final double[] gateProbabilities;
    private final List<INDArray> history;

    /**
     * @param weightMean              {@code mu}, {@code [n_in, n]}, finite
     * @param weightStandardDeviation {@code sigma}, same shape, finite and {@code >= 0}; or {@code null} if unknown
     * @param gateProbabilities       {@code n} values in [0, 1]; or {@code null} for an ungated layer (all 1)
     * @param history                 weight matrices {@code [n_in, n]} over recent updates, oldest first; may be empty
     * @throws IllegalArgumentException on a shape mismatch or a value out of range
     */
    public LayerStatistics(INDArray weightMean, INDArray weightStandardDeviation, double[] gateProbabilities,
                           List<INDArray> history) {
        if (weightMean == null || weightMean.rank() != 2) {
            throw new IllegalArgumentException("weight means must be a [inputs, units] matrix, got "
                    + (weightMean == null ? "null" : Arrays.toString(weightMean.shape())));
        }
        if (!finite(weightMean)) {
            throw new IllegalArgumentException("weight means must be finite");
        }
        if (weightStandardDeviation != null) {
            if (!weightStandardDeviation.equalShapes(weightMean)) {
                throw new IllegalArgumentException("weight standard deviations " + Arrays.toString(weightStandardDeviation.shape())
                        + " must have the shape of the means " + Arrays.toString(weightMean.shape()));
            }
            if (!finite(weightStandardDeviation) || any(weightStandardDeviation.lt(0))) {
                throw new IllegalArgumentException("weight standard deviations must be finite and >= 0");
            }
        }
        int units = (int) weightMean.size(1);
        double[] gates = new double[units];
        Arrays.fill(gates, 1.0);
        if (gateProbabilities != null) {
            if (gateProbabilities.length != units) {
                throw new IllegalArgumentException("need one gate probability per unit (" + units + "), got "
                        + gateProbabilities.length);
            }
            for (int j = 0; j < units; j++) {
                if (!(gateProbabilities[j] >= 0 && gateProbabilities[j] <= 1)) {
                    throw new IllegalArgumentException("gate probability of unit " + j + " is " + gateProbabilities[j]
                            + ", outside [0, 1]");
                }
            }
            gates = gateProbabilities.clone();
        }
        List<INDArray> h = new ArrayList<>();
        for (INDArray iterate : history == null ? List.<INDArray>of() : history) {
            if (!iterate.equalShapes(weightMean)) {
                throw new IllegalArgumentException("history entry " + Arrays.toString(iterate.shape())
                        + " must have the shape of the means " + Arrays.toString(weightMean.shape()));
            }
            h.add(iterate.dup());
        }
        this.weightMean = ownDouble(weightMean);
        this.weightStandardDeviation = weightStandardDeviation == null ? null : ownDouble(weightStandardDeviation);
        this.gateProbabilities = gates;
        this.history = List.copyOf(h);
    }

    private static boolean finite(INDArray a) {
        return !any(a.isNaN()) && !any(a.isInfinite());
    }

    /** Whether any element of the boolean array {@code mask} is true; the mask is freed. */
    private static boolean any(INDArray mask) {
        boolean any = mask.any();
        mask.close();
        return any;
    }

    /** A {@code double} copy of {@code a} that these statistics own (one copy, not a cast and a copy of the cast). */
    private static INDArray ownDouble(INDArray a) {
        INDArray cast = a.castTo(DataType.DOUBLE);
        return cast == a ? a.dup() : cast;
    }

    /** Number of inputs {@code n_in}. */
    public int inputs() {
        return (int) weightMean.size(0);
    }

    /** Number of units {@code n}. */
    public int units() {
        return (int) weightMean.size(1);
    }

    /** A copy of {@code mu}, {@code [n_in, n]}, {@code double}. */
    public INDArray weightMean() {
        return weightMean.dup();
    }

    /** Whether {@code sigma} is known. */
    public boolean hasStandardDeviations() {
        return weightStandardDeviation != null;
    }

    /**
     * A copy of {@code sigma}, {@code [n_in, n]}, {@code double}.
     *
     * @throws IllegalArgumentException if the statistics are a bare point estimate without standard deviations
     */
    public INDArray weightStandardDeviation() {
        if (weightStandardDeviation == null) {
            throw new IllegalArgumentException("these statistics carry no weight standard deviations; build them with "
                    + "PosteriorStatistics.fromVariational or fromPseudoBootstrap");
        }
        return weightStandardDeviation.dup();
    }

    /** A copy of the gate probabilities {@code pi_j} (all 1 for an ungated layer). */
    public double[] gateProbabilities() {
        return gateProbabilities.clone();
    }

    /** The recorded weight values over recent updates, oldest first (copies; empty if none were recorded). */
    public List<INDArray> history() {
        List<INDArray> copies = new ArrayList<>();
        for (INDArray iterate : history) {
            copies.add(iterate.dup());
        }
        return copies;
    }

    /** The statistics of units (columns) {@code kept} only. */
    public LayerStatistics keepUnits(long[] kept) {
        double[] gates = new double[kept.length];
        for (int k = 0; k < kept.length; k++) {
            gates[k] = gateProbabilities[(int) kept[k]];
        }
        return selected(a -> UnitSelection.columns(a, kept), gates);
    }

    /** The statistics of inputs (rows) {@code kept} only, after units of the previous layer were removed. */
    public LayerStatistics keepInputs(long[] kept) {
        return selected(a -> UnitSelection.rows(a, kept), gateProbabilities);
    }

    /** Statistics of {@code selection} of every array, with {@code gates}; the selections, copied in, are freed. */
    private LayerStatistics selected(UnaryOperator<INDArray> selection, double[] gates) {
        List<INDArray> h = new ArrayList<>();
        for (INDArray iterate : history) {
            h.add(selection.apply(iterate));
        }
        INDArray mean = selection.apply(weightMean);
        INDArray sigma = weightStandardDeviation == null ? null : selection.apply(weightStandardDeviation);
        LayerStatistics statistics = new LayerStatistics(mean, sigma, gates, h);
        closeAll(mean, sigma, h);
        return statistics;
    }

    /**
     * Frees the native memory of these statistics' arrays now, rather than when the garbage collector finds them; they
     * must not be used afterwards. They own their arrays (the constructor copies them).
     */
    public void close() {
        closeAll(weightMean, weightStandardDeviation, history);
    }

    /** Whether {@link #close} freed these statistics' arrays. */
    public boolean isClosed() {
        return weightMean.wasClosed();
    }

    /** Closes {@code mean}, {@code sigma} (if any) and {@code history}: arrays a constructor call has copied. */
    static void closeAll(INDArray mean, INDArray sigma, List<INDArray> history) {
        mean.close();
        if (sigma != null) {
            sigma.close();
        }
        history.forEach(INDArray::close);
    }
}
