package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.criteria.CriterionContext;
import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.criteria.MagnitudeCriterion;
import org.parsimony.pruning.criteria.PruningCriteria;
import org.parsimony.pruning.criteria.PruningCriterion;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyMethodRegistryTest {

    private static List<String> labels(List<StudyMethod> methods) {
        return methods.stream().map(StudyMethod::label).toList();
    }

    @Test
    void theMethodsAndDefaultListsDeriveFromTheRegistryInTheStudyOrder() {
        assertEquals(List.of("dense", "variational", "magnitude", "mu", "mu-var", "random", "sipp", "pfp"),
                labels(StudyMethod.values()));
        assertEquals(List.of("variational", "magnitude", "mu", "random", "pfp"), labels(StudyMethod.defaults(Granularity.units)));
        assertEquals(List.of("magnitude", "mu", "mu-var", "random", "sipp"), labels(StudyMethod.defaults(Granularity.weights)));
        assertSame(StudyMethod.parse("mu"), StudyMethod.parse(" MU "));
        assertEquals("mu", StudyMethod.parse("mu").criterion().name());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StudyMethod.parse("gate")).getMessage()
                .contains("variational"));
    }

    @Test
    void aNewlyRegisteredCriterionIsAMethodOfBothGranularities() {
        CriterionType half = CriterionType.of("half-magnitude", "half the magnitude (a test's own)",
                seed -> new PruningCriterion() {
                    @Override
                    public String name() {
                        return "half-magnitude";
                    }

                    @Override
                    public List<double[]> unitScores(CriterionContext context) {
                        return new MagnitudeCriterion().unitScores(context);
                    }

                    @Override
                    public List<INDArray> weightScores(CriterionContext context) {
                        return new MagnitudeCriterion().weightScores(context);
                    }
                });
        PruningCriteria.register(half);
        try {
            StudyMethod method = StudyMethod.parse("half-magnitude");
            assertTrue(method.isCriterion());
            assertSame(half, method.criterion());
            assertEquals(List.of("variational", "magnitude", "mu", "random", "half-magnitude", "pfp"),
                    labels(StudyMethod.defaults(Granularity.units)));
            assertEquals("half-magnitude", labels(StudyMethod.defaults(Granularity.weights)).get(5));
            assertTrue(StudyArchitecture.parse("lenet5").supports(method));
        } finally {
            PruningCriteria.unregister("half-magnitude");
        }
        assertThrows(IllegalArgumentException.class, () -> StudyMethod.parse("half-magnitude"));
    }
}
