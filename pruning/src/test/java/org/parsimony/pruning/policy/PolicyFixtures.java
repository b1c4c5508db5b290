package org.parsimony.pruning.policy;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.statistics.LayerStatistics;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.ArrayList;
import java.util.List;

/** Statistics whose magnitude unit scores are known: unit j of hidden layer l has L2 norm {@code norms[l][j]}. */
final class PolicyFixtures {
    private PolicyFixtures() {
    }

    /** One input; the weight into unit j of hidden layer 0 is {@code norms[0][j]}; deeper layers put their norm on input 0. */
    static PosteriorStatistics withUnitNorms(double[][] norms, int classes) {
        List<LayerStatistics> layers = new ArrayList<>();
        int inputs = 1;
        for (double[] layerNorms : norms) {
            INDArray mu = Nd4j.zeros(DataType.DOUBLE, inputs, layerNorms.length);
            for (int j = 0; j < layerNorms.length; j++) {
                mu.putScalar(0, j, layerNorms[j]);
            }
            layers.add(new LayerStatistics(mu, Nd4j.ones(DataType.DOUBLE, inputs, layerNorms.length), null, List.of()));
            inputs = layerNorms.length;
        }
        layers.add(new LayerStatistics(Nd4j.ones(DataType.DOUBLE, inputs, classes),
                Nd4j.ones(DataType.DOUBLE, inputs, classes), null, List.of()));
        return new PosteriorStatistics(layers);
    }
}
