package org.parsimony.pruning.criteria;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.Pruner;
import org.parsimony.pruning.criteria.sipp.SippCriterion;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruningCriteriaTest {

    @Test
    void theBuiltInCriteriaRegisterThemselvesInTheirOrder() {
        List<String> names = PruningCriteria.names();
        assertEquals(List.of("magnitude", "mu", "random", "gate", "sipp"), names.subList(0, 5));
        assertInstanceOf(MagnitudeUncertaintyCriterion.class, PruningCriteria.named("mu").create(1));
        assertInstanceOf(SippCriterion.class, PruningCriteria.named("sipp").create(1));
        assertTrue(PruningCriteria.named("mu").needs(CriterionNeed.UNCERTAINTY));
        assertTrue(PruningCriteria.named("sipp").needs(CriterionNeed.DATA));
        assertTrue(PruningCriteria.named("gate").needs(CriterionNeed.GATES));
        assertEquals(7, ((RandomCriterion) PruningCriteria.named("random").create(7)).seed());
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PruningCriteria.named("l3"));
        assertTrue(e.getMessage().startsWith("unknown criterion 'l3' (known: magnitude, mu, random, gate, sipp"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pruner.of("l3"));
        assertThrows(IllegalArgumentException.class, () -> CriterionType.of("Bad Name", "x", seed -> null));
    }

    @Test
    void aCriterionRegisteredFromOutsideThePackageIsFoundByName() {
        CriterionType negated = CriterionType.of("negated-magnitude", "minus the magnitude (a test's own)",
                seed -> new PruningCriterion() {
                    @Override
                    public String name() {
                        return "negated-magnitude";
                    }

                    @Override
                    public List<double[]> unitScores(CriterionContext context) {
                        return new MagnitudeCriterion().unitScores(context).stream()
                                .map(s -> java.util.Arrays.stream(s).map(v -> -v).toArray()).toList();
                    }

                    @Override
                    public List<INDArray> weightScores(CriterionContext context) {
                        return new MagnitudeCriterion().weightScores(context).stream().map(INDArray::neg).toList();
                    }
                });
        PruningCriteria.register(negated);
        try {
            PruningCriteria.register(negated); // the same type again is harmless
            assertSame(negated, PruningCriteria.named("negated-magnitude"));
            assertEquals("negated-magnitude", PruningCriteria.names().get(PruningCriteria.names().size() - 1));
            assertSame(negated, Pruner.of("negated-magnitude").criterion());
            PosteriorStatistics s = CriterionFixtures.single(new double[][] {{3, 1}, {4, 0}}, new double[][] {{1, 1}, {1, 1}}, null);
            assertEquals(-5, negated.create(1).unitScores(s).get(0)[0], 1e-12);
            IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () -> PruningCriteria.register(
                    CriterionType.of("negated-magnitude", "another", seed -> new MagnitudeCriterion())));
            assertTrue(clash.getMessage().contains("already registered"), clash.getMessage());
        } finally {
            PruningCriteria.unregister("negated-magnitude");
        }
        assertThrows(IllegalArgumentException.class, () -> PruningCriteria.named("negated-magnitude"));
    }
}
