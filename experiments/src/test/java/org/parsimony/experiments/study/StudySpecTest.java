package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.data.InputScaling;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudySpecTest {
    private static final StudyBudget BUDGET = new StudyBudget(1, 1, 0, 50, InputScaling.standardized);

    @Test
    void expandsIntoDenseStartCriteriaAndVariationalPerSeedInAFixedOrder() {
        StudySpec spec = new StudySpec(List.of("subset"), StudyArchitecture.parseList("lenet300,mlp:20,10"),
                List.of(StudyMethod.variational, StudyMethod.parse("mu"), StudyMethod.parse("random")), List.of(0.5, 0.9), List.of(1L, 2L), BUDGET);
        List<StudyRun> runs = spec.runs();
        assertEquals(2 * 2 * (1 + 2 * 2 + 1), runs.size());
        assertEquals(new RunKey("subset", "lenet300", "dense", "", 1), runs.get(0).key());
        assertEquals(new RunKey("subset", "lenet300", "mu", "0.5", 1), runs.get(1).key());
        assertEquals(new RunKey("subset", "lenet300", "random", "0.9", 1), runs.get(4).key());
        assertEquals(new RunKey("subset", "lenet300", "variational", RunKey.AUTO, 1), runs.get(5).key());
        assertEquals("mlp:20,10", runs.get(runs.size() - 1).key().arch());
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(i, runs.get(i).index());
        }
    }

    @Test
    void aVariationalOnlyStudyHasNoDenseRunsAndNeedsNoRatios() {
        StudySpec spec = new StudySpec(List.of("subset"), List.of(StudyArchitecture.parse("mlp:8")),
                List.of(StudyMethod.variational), List.of(), List.of(1L, 2L, 3L), BUDGET);
        assertEquals(3, spec.runs().size());
        assertTrue(spec.runs().stream().noneMatch(StudyRun::needsDense));
    }

    @Test
    void architecturesParseFromACommaSeparatedList() {
        List<StudyArchitecture> archs = StudyArchitecture.parseList("lenet300,mlp:20,10,mlp:5");
        assertEquals(List.of("lenet300", "mlp:20,10", "mlp:5"), archs.stream().map(StudyArchitecture::name).toList());
        assertEquals(List.of(300, 100), java.util.Arrays.stream(((MlpArchitecture) archs.get(0)).hidden()).boxed().toList());
        assertThrows(IllegalArgumentException.class, () -> StudyArchitecture.parse("mlp:0"));
        assertThrows(IllegalArgumentException.class, () -> StudyArchitecture.parse("vgg99"));
    }

    @Test
    void convArchitecturesParseWithOptionalWidthsAndRefusePfp() {
        List<StudyArchitecture> archs = StudyArchitecture.parseList("lenet5,lenet5:4,6,16,vgg");
        assertEquals(List.of("lenet5", "lenet5:4,6,16", "vgg"), archs.stream().map(StudyArchitecture::name).toList());
        assertEquals(new ConvArchitecture("lenet5:4,6,16", "lenet5", new int[] {4, 6, 16}), archs.get(1));
        assertThrows(IllegalArgumentException.class, () -> StudyArchitecture.parse("lenet5:4,x"));
        assertThrows(IllegalArgumentException.class, () -> StudyArchitecture.parse("vgg:0,1,1,1,1"));
        IllegalArgumentException pfp = assertThrows(IllegalArgumentException.class, () -> new StudySpec(List.of("subset"),
                archs, List.of(StudyMethod.pfp), List.of(0.5), List.of(1L), BUDGET));
        assertTrue(pfp.getMessage().startsWith("architecture lenet5 is pruned by unit") && pfp.getMessage().contains("pfp"),
                pfp.getMessage());
    }

    @Test
    void badStudiesAreRejectedByName() {
        IllegalArgumentException ratio = assertThrows(IllegalArgumentException.class, () -> new StudySpec(List.of("subset"),
                List.of(StudyArchitecture.parse("mlp:8")), List.of(StudyMethod.parse("mu")), List.of(1.0), List.of(1L), BUDGET));
        assertTrue(ratio.getMessage().contains("[0, 1)"), ratio.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StudySpec(List.of("subset"),
                List.of(StudyArchitecture.parse("mlp:8")), List.of(StudyMethod.parse("mu")), List.of(), List.of(1L), BUDGET));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StudyMethod.parse("gate")).getMessage().contains("variational"));
        assertThrows(IllegalArgumentException.class, () -> StudyMethod.parse("dense"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/2"));
        assertEquals(new Shard(1, 4), Shard.parse("1/4"));
    }

    @Test
    void variantsRunOnTheFirstArchitectureOnlyAndDenseReferencesOnEveryOne() {
        StudySpec spec = new StudySpec(List.of("subset"), StudyArchitecture.parseList("mlp:8,mlp:16"),
                List.of(StudyMethod.variational), List.of(), List.of(1L), new StudyBudget(1, 1, 0, 5, null),
                List.of(new TrainerVariant("lr=3e-3"), new TrainerVariant("batch=64")), true);
        List<String> runs = spec.runs().stream().map(r -> r.key().arch() + " " + r.key().method()).toList();
        assertEquals(List.of("mlp:8 dense", "mlp:8 variational", "mlp:8 variational[lr=3e-3]", "mlp:8 variational[batch=64]",
                "mlp:16 dense", "mlp:16 variational"), runs);
        assertEquals(new TrainerVariant("batch=64"), spec.runs().get(3).variant());
        assertThrows(IllegalArgumentException.class, () -> new StudySpec(List.of("subset"),
                StudyArchitecture.parseList("mlp:8"), List.of(StudyMethod.variational), List.of(), List.of(1L),
                new StudyBudget(1, 1, 0, 5, null), List.of(TrainerVariant.DEFAULTS), false));
        assertThrows(IllegalArgumentException.class, () -> new StudySpec(List.of("subset"),
                StudyArchitecture.parseList("mlp:8"), List.of(StudyMethod.parse("magnitude")), List.of(0.5), List.of(1L),
                new StudyBudget(1, 1, 0, 5, null), List.of(new TrainerVariant("lr=1e-2")), false));
    }
}
