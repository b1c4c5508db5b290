package org.parsimony.pruning.criteria;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.statistics.LayerStatistics;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.ArrayList;
import java.util.List;

/** Random posterior statistics of a given shape, optionally with one layer's means and sigmas scaled. */
final class CriterionFixtures {
    private CriterionFixtures() {
    }

    static PosteriorStatistics randomStatistics(int[] widths, long seed, int scaledLayer, double scale) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            INDArray mu = Nd4j.randn(random, widths[l - 1], widths[l]).castTo(DataType.DOUBLE);
            INDArray sigma = Nd4j.rand(random, widths[l - 1], widths[l]).castTo(DataType.DOUBLE).addi(0.1);
            if (l - 1 == scaledLayer) {
                mu.muli(scale);
                sigma.muli(Math.abs(scale));
            }
            layers.add(new LayerStatistics(mu, sigma, null, List.of()));
        }
        return new PosteriorStatistics(layers);
    }

    static PosteriorStatistics single(double[][] mu, double[][] sigma, double[] gates) {
        double[][] outMu = new double[mu[0].length][2];
        double[][] outSigma = new double[mu[0].length][2];
        for (double[] row : outSigma) {
            java.util.Arrays.fill(row, 1);
        }
        return new PosteriorStatistics(List.of(
                new LayerStatistics(Nd4j.createFromArray(mu), Nd4j.createFromArray(sigma), gates, List.of()),
                new LayerStatistics(Nd4j.createFromArray(outMu), Nd4j.createFromArray(outSigma), null, List.of())));
    }
}
