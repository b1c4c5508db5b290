package org.parsimony.variational.network;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InitialPosteriorTest {

    @Test
    void aRelativeSigmaIsTheRatioTimesTheHeSlabOfEachLayer() {
        InitialPosterior posterior = new InitialPosterior(1, 0, 0.5);
        assertEquals(0.5 * Math.sqrt(2.0 / 784), posterior.sigma(784), 1e-15);
        assertEquals(0.5 * Math.sqrt(2.0 / 300), posterior.sigma(300), 1e-15);
        assertEquals(0.01, new InitialPosterior(1, 0.01, 0.5).sigma(784), 0, "an absolute sigma wins");
    }

    @Test
    void initialisesEachLayersLogVarianceAndMeanScaleFromItsFanIn() {
        VariationalMlp network = VariationalMlp.initialize(400, new int[] {200, 50}, 10,
                new InitialPosterior(2, 0, 0.25), 0.9, 7);
        int[] fanIns = {400, 200, 50};
        for (int l = 0; l < 3; l++) {
            VariationalDenseParameters p = network.layer(l);
            double expectedSigma = 0.25 * Math.sqrt(2.0 / fanIns[l]);
            assertEquals(2 * Math.log(expectedSigma), p.weightLogVariance().getDouble(0, 0), 1e-6);
            assertEquals(2 * Math.log(expectedSigma), p.weightLogVariance().maxNumber().doubleValue(), 1e-6);
            double std = Transforms.pow(p.weightMean(), 2).meanNumber().doubleValue();
            assertEquals(4 * 2.0 / fanIns[l], std, 0.15 * 4 * 2.0 / fanIns[l], "mean variance of layer " + l);
        }
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new InitialPosterior(0, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new InitialPosterior(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new InitialPosterior(1, Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> InitialPosterior.absolute(-1));
    }
}
