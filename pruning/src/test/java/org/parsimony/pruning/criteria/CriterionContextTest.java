package org.parsimony.pruning.criteria;

import org.junit.jupiter.api.Test;
import org.parsimony.pruning.TinyConvNet;
import org.parsimony.pruning.finetune.DeterministicTrainer;
import org.parsimony.pruning.finetune.LikelihoodGraphTrainer;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A context's statistics must describe its network, MLP or conv net alike; MLP-only criteria get the MLP back. */
class CriterionContextTest {
    private static final DeterministicNetwork CONV = LikelihoodGraphTrainer.initialize(TinyConvNet.ARCHITECTURE, 1);

    @Test
    void statisticsOfAnotherConvNetAreRefused() {
        new CriterionContext(CONV, PosteriorStatistics.pointEstimate(CONV), null);
        DeterministicNetwork narrower = LikelihoodGraphTrainer.initialize(
                TinyConvNet.ARCHITECTURE.withUnits(new int[] {3, 3, 5, 3}), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CriterionContext(CONV, PosteriorStatistics.pointEstimate(narrower), null));
        assertTrue(e.getMessage().contains("statistics describe widths"), e.getMessage());
    }

    @Test
    void onlyAnMlpIsHandedToMlpOnlyCriteria() {
        DeterministicMlp mlp = DeterministicTrainer.initialize(new int[] {6, 4, 3}, 1);
        assertSame(mlp, new CriterionContext(mlp, PosteriorStatistics.pointEstimate(mlp), null).requireMlp("sipp"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CriterionContext(CONV, PosteriorStatistics.pointEstimate(CONV), null).requireMlp("sipp"));
        assertTrue(e.getMessage().contains("sipp scores the units of MLPs only, not of tiny"), e.getMessage());
    }
}
