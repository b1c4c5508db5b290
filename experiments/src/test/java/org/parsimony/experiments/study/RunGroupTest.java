package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.parsimony.experiments.data.InputScaling;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster task is the runs that share a dense start, or one variational run, and every pending run is in one task. */
class RunGroupTest {
    private static final StudySpec STUDY = new StudySpec(List.of("subset", "subset:400"),
            Architecture.parseList("mlp:20,10,lenet300"), List.of(StudyMethod.variational, StudyMethod.magnitude,
            StudyMethod.random), List.of(0.5, 0.7), List.of(1L, 2L), new StudyBudget(1, 1, 1, 50, InputScaling.raw),
            List.of(), false);

    @Test
    void runsSharingADenseStartAreOneGroupAndEachVariationalRunIsItsOwn() {
        List<StudyRun> runs = STUDY.runs();
        List<RunGroup> groups = RunGroup.of(runs);
        // 2 data sets x 2 archs x 2 seeds dense starts, each with the dense run and 2 criteria x 2 ratios; 8 variational runs
        assertEquals(16, groups.size());
        assertEquals(runs.size(), groups.stream().mapToInt(g -> g.runs().size()).sum());
        assertEquals(runs.stream().map(StudyRun::key).distinct().count(),
                groups.stream().flatMap(g -> g.runs().stream()).map(StudyRun::key).distinct().count(), "every run once");
        for (RunGroup g : groups) {
            if (g.runs().get(0).method() == StudyMethod.variational) {
                assertEquals(1, g.runs().size(), g.toString());
            } else {
                assertEquals(5, g.runs().size(), g.toString());
                assertEquals(1, g.runs().stream().map(StudyRun::denseKey).distinct().count(), g.toString());
                assertEquals(1, g.runs().stream().filter(r -> r.method() == StudyMethod.dense).count(), g.toString());
            }
        }
        assertEquals(runs.get(0).key(), groups.get(0).runs().get(0).key(), "groups in study order");
    }

    @Test
    void aPartOfTheStudyGroupsOnlyItsPendingRuns() {
        List<StudyRun> pending = STUDY.runs().stream().filter(r -> r.method() == StudyMethod.random).toList();
        List<RunGroup> groups = RunGroup.of(pending);
        assertEquals(8, groups.size());
        assertTrue(groups.stream().allMatch(g -> g.runs().size() == 2), groups.toString());
    }

    @Test
    void aGroupHoldsRunsOfOneDataSet() {
        List<StudyRun> runs = STUDY.runs();
        StudyRun other = runs.stream().filter(r -> !r.key().dataset().equals(runs.get(0).key().dataset())).findFirst()
                .orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> new RunGroup(List.of(runs.get(0), other)));
        assertThrows(IllegalArgumentException.class, () -> new RunGroup(List.of()));
    }
}
