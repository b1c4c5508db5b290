package org.parsimony.pruning.criteria;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.statistics.LayerStatistics;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.ArrayList;
import java.util.List;

/**
 * MU, magnitude and uncertainty (Ko, Oehmcke &amp; Gieseke, "Magnitude and Uncertainty Pruning Criterion
 * for Neural Networks", IEEE Big Data 2019): the Wald test of {@code H0: w = 0}.
 *
 * <p><b>Weights.</b> Score {@code MU_i = |mu_i| / sigma_i}, the square root of the Wald statistic
 * {@code W_i = mu_i^2 / sigma_i^2}, which is {@code chi^2_1} under {@code H0}. Scale-invariant: multiplying a
 * layer's means and standard deviations by {@code c != 0} leaves every score unchanged.
 *
 * <p><b>Units.</b> With a diagonal (mean-field) posterior, the Wald statistic of unit {@code j}'s incoming
 * weight group is {@code W_j = sum_i mu_ij^2 / sigma_ij^2 ~ chi^2_d} under {@code H0: W[:, j] = 0}, with
 * {@code d} the group size; its p-value is {@code p_j = 1 - F_{chi^2_d}(W_j)} (Commons Math
 * {@link ChiSquaredDistribution}), see {@link #unitPValues}. For ranking, the unit score is the
 * Wilson-Hilferty normal deviate of {@code W_j} (Wilson &amp; Hilferty, PNAS 1931),
 * {@code z_j = ((W_j/d)^(1/3) - (1 - 2/(9d))) / sqrt(2/(9d))}: it orders units of one layer exactly as the
 * p-value does, puts groups of different sizes on a common scale, and, unlike {@code 1 - p_j}, does not
 * saturate when {@code p_j} underflows to 0 (as it does for most units of a trained 784-input layer).
 *
 * <p><b>Zero standard deviations.</b> A pseudo-bootstrap {@code sigma} is 0 for a weight that did not move
 * over the window: a masked or pruned weight, or one whose input was 0 on every example (the border pixels of
 * MNIST-like images, whose weights keep their initial values). Such a weight carries no evidence either way: its
 * score is 0 and it is left out of its group, reducing {@code d}. (Counting it as {@code mu/0 = +inf} would make every
 * first-layer unit infinitely significant and the ranking meaningless; measured on the bundled data, MU then pruned
 * worse than random.) A group with {@code d = 0} has {@code W = 0}, {@code p = 1} and score {@code -inf}.
 */
public final class MagnitudeUncertaintyCriterion implements PruningCriterion {

    /** Registered as {@code mu} ({@link PruningCriteria}). */
    public static final CriterionType TYPE = CriterionType.of("mu",
            "magnitude and uncertainty, the Wald statistic of a unit's weights", seed -> new MagnitudeUncertaintyCriterion(), CriterionNeed.UNCERTAINTY).ranked(2);


    @Override
    public String name() {
        return "mu";
    }

    /**
     * The Wald statistic of each unit of every hidden layer, with its degrees of freedom.
     *
     * @param statistic        per hidden layer, {@code W_j}
     * @param degreesOfFreedom per hidden layer, {@code d_j}
     */
    public record UnitWaldTests(List<double[]> statistic, List<int[]> degreesOfFreedom) {
    }

    /**
     * {@code W_j} and {@code d_j} for every hidden unit.
     *
     * @throws IllegalArgumentException if the statistics carry no standard deviations
     */
    public UnitWaldTests unitWaldTests(PosteriorStatistics statistics) {
        List<double[]> wald = new ArrayList<>();
        List<int[]> dof = new ArrayList<>();
        for (int l = 0; l < statistics.hiddenLayerCount(); l++) {
            LayerStatistics layer = statistics.layer(l);
            double[][] mu = layer.weightMean().toDoubleMatrix();
            double[][] sigma = layer.weightStandardDeviation().toDoubleMatrix();
            double[] w = new double[layer.units()];
            int[] d = new int[layer.units()];
            for (int i = 0; i < mu.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    if (sigma[i][j] == 0) {
                        continue;
                    }
                    double ratio = mu[i][j] / sigma[i][j];
                    w[j] += ratio * ratio;
                    d[j]++;
                }
            }
            wald.add(w);
            dof.add(d);
        }
        return new UnitWaldTests(wald, dof);
    }

    /**
     * The p-value {@code 1 - F_{chi^2_d}(W_j)} of every hidden unit: a unit with {@code p_j > alpha} is not
     * significantly different from 0 at level {@code alpha}.
     */
    public List<double[]> unitPValues(PosteriorStatistics statistics) {
        UnitWaldTests tests = unitWaldTests(statistics);
        List<double[]> pValues = new ArrayList<>();
        for (int l = 0; l < tests.statistic().size(); l++) {
            double[] w = tests.statistic().get(l);
            int[] d = tests.degreesOfFreedom().get(l);
            double[] p = new double[w.length];
            for (int j = 0; j < w.length; j++) {
                p[j] = pValue(w[j], d[j]);
            }
            pValues.add(p);
        }
        return pValues;
    }

    /**
     * {@code P(chi^2_d > wald) = 1 - F_{chi^2_d}(wald)}; 1 for {@code d = 0}, 0 for an infinite statistic.
     *
     * @throws IllegalArgumentException for a negative or NaN statistic or negative degrees of freedom
     */
    public static double pValue(double wald, int degreesOfFreedom) {
        if (!(wald >= 0)) {
            throw new IllegalArgumentException("a Wald statistic is >= 0, got " + wald);
        }
        if (degreesOfFreedom < 0) {
            throw new IllegalArgumentException("degrees of freedom must be >= 0, got " + degreesOfFreedom);
        }
        if (degreesOfFreedom == 0) {
            return 1.0;
        }
        if (Double.isInfinite(wald)) {
            return 0.0;
        }
        return 1.0 - new ChiSquaredDistribution((RandomGenerator) null, degreesOfFreedom).cumulativeProbability(wald);
    }

    /**
     * The Wilson-Hilferty normal deviate of a {@code chi^2_d} statistic (see the class comment);
     * {@code -inf} for {@code d = 0}, {@code +inf} for an infinite statistic.
     */
    public static double wilsonHilfertyDeviate(double wald, int degreesOfFreedom) {
        if (degreesOfFreedom == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (Double.isInfinite(wald)) {
            return Double.POSITIVE_INFINITY;
        }
        double v = 2.0 / (9.0 * degreesOfFreedom);
        return (Math.cbrt(wald / degreesOfFreedom) - (1 - v)) / Math.sqrt(v);
    }

    @Override
    public List<double[]> unitScores(CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        UnitWaldTests tests = unitWaldTests(statistics);
        List<double[]> scores = new ArrayList<>();
        for (int l = 0; l < tests.statistic().size(); l++) {
            double[] w = tests.statistic().get(l);
            int[] d = tests.degreesOfFreedom().get(l);
            double[] z = new double[w.length];
            for (int j = 0; j < w.length; j++) {
                z[j] = wilsonHilfertyDeviate(w[j], d[j]);
            }
            scores.add(z);
        }
        return scores;
    }

    @Override
    public List<INDArray> weightScores(CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        List<INDArray> scores = new ArrayList<>();
        for (int l = 0; l < statistics.layerCount(); l++) {
            LayerStatistics layer = statistics.layer(l);
            double[][] mu = layer.weightMean().toDoubleMatrix();
            double[][] sigma = layer.weightStandardDeviation().toDoubleMatrix();
            double[][] score = new double[mu.length][];
            for (int i = 0; i < mu.length; i++) {
                score[i] = new double[mu[i].length];
                for (int j = 0; j < mu[i].length; j++) {
                    score[i][j] = sigma[i][j] == 0 ? 0 : Math.abs(mu[i][j]) / sigma[i][j];
                }
            }
            scores.add(Nd4j.createFromArray(score));
        }
        return scores;
    }
}
