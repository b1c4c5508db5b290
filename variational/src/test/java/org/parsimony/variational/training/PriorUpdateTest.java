package org.parsimony.variational.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.priors.BetaInclusionHyperPrior;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.graph.LayerPrior;
import org.parsimony.variational.network.VariationalMlp;
import org.parsimony.variational.optim.AdamOptimizer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the trainer re-estimates after each epoch: the slab from the live fan-in, lambda over all candidate units. */
class PriorUpdateTest {
    private static final LabeledData DATA = VariationalTrainerTest.blobs(10, 1);

    @Test
    void slabFollowsTheLiveFanInAndRemovedUnitsCountAsClosedGates() {
        VariationalTrainer trainer = new VariationalTrainer(TrainerConfig.defaults(), PriorSettings.defaults());
        VariationalMlp network = trainer.initialize(DATA, new int[] {24, 12});
        PriorUpdates updates = new PriorUpdates(PriorSettings.defaults());
        List<LayerPrior> start = updates.initialPriors(network);
        assertEquals(2.0 / 6, start.get(0).slabVariance(), 1e-12);
        assertEquals(2.0 / 24, start.get(1).slabVariance(), 1e-12);
        assertEquals(2.0 / 12, start.get(2).slabVariance(), 1e-12);

        UnitRemoval.keep(network, new AdamOptimizer(), 0, new long[] {1, 3, 5, 7, 11, 13, 17, 23});
        float[] theta0 = {1, 1, 0.9f, 0.8f, 0.5f, 0.3f, 0.2f, 0.15f};
        network.layer(0).gate().assign(Nd4j.createFromArray(theta0).castTo(network.layer(0).gate().dataType()));
        network.layer(1).gate().assign(0.75);
        List<LayerPrior> next = updates.updatedPriors(network, start, new int[] {6, 24, 12, 2});

        assertEquals(2.0 / 6, next.get(0).slabVariance(), 1e-12);
        assertEquals(2.0 / 8, next.get(1).slabVariance(), 1e-12, "layer 2 now reads 8 live units");
        assertEquals(2.0 / 12, next.get(2).slabVariance(), 1e-12);
        double sum0 = 0;
        for (float t : theta0) {
            sum0 += t;
        }
        assertEquals(sum0 / (24 + 24 * 24 - 1), next.get(0).inclusion(), 1e-6, "Beta(1, J^2) over the 24 candidates");
        assertEquals(12 * 0.75 / (12 + 12 * 12 - 1), next.get(1).inclusion(), 1e-6);
        assertEquals(start.get(2).inclusion(), next.get(2).inclusion(), 0, "the output layer has no gates");
    }

    @Test
    void aGivenSlabVarianceStaysFixedAndTheFlatHyperPriorTakesTheMeanOverCandidates() {
        PriorSettings fixed = new PriorSettings(0, 0.5, 0.3, new BetaInclusionHyperPrior(1, 1), null);
        VariationalTrainer trainer = new VariationalTrainer(TrainerConfig.defaults(), fixed);
        VariationalMlp network = trainer.initialize(DATA, new int[] {10, 4});
        UnitRemoval.keep(network, new AdamOptimizer(), 0, new long[] {0, 1, 2, 3, 4});
        network.layer(0).gate().assign(0.6);
        PriorUpdates updates = new PriorUpdates(fixed);
        List<LayerPrior> next = updates.updatedPriors(network, updates.initialPriors(network), new int[] {6, 10, 4, 2});
        for (LayerPrior p : next) {
            assertEquals(0.3, p.slabVariance(), 0);
        }
        assertEquals(5 * 0.6 / 10, next.get(0).inclusion(), 1e-6, "five removed units count as closed gates");
    }
}
