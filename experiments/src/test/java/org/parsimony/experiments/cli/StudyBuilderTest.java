package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.experiments.study.ResultsCsv;
import org.parsimony.experiments.study.Study;
import org.parsimony.experiments.study.StudyBudget;
import org.parsimony.experiments.study.StudyResults;
import org.parsimony.variational.data.InputScaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyBuilderTest {
    private static final StudyBudget BUDGET = new StudyBudget(1, 1, 1, 20, InputScaling.standardized);

    @TempDir
    Path dir;

    private static Study study() {
        return Study.on("subset:500").archs("mlp:8").methods("magnitude", "mu", "random").ratios(0.5).seeds(3);
    }

    @Test
    void theBuilderRunsWhatCompareRunsReturnsTheRunsAndRefusesAnotherBudget() throws IOException {
        Path java = dir.resolve("java");
        StudyResults results = study().budget(BUDGET).run(java);
        assertEquals(4, results.outcome().executed());
        assertEquals(4, results.runs().size());
        // the objects are the rows of runs.csv
        assertEquals(Files.readString(java.resolve("runs.csv")), ResultsCsv.format(results.runs()));
        assertTrue(results.cell("mlp:8", "mu", "0.5").orElseThrow().runs().get(0).measurement().accuracyAfter() > 0.1);
        assertTrue(results.summary().contains("| mu |") || results.summary().contains("mu"), results.summary());

        Path cli = dir.resolve("cli");
        CommandRun run = CommandRun.of("compare", "--datasets", "subset:500", "--archs", "mlp:8", "--methods",
                "magnitude,mu,random", "--ratios", "0.5", "--seeds", "3", "--dense-epochs", "1", "--epochs", "1",
                "--fine-tune", "1", "--bootstrap-window", "20", "--out", cli.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(CompareCommandTest.numbers(cli.resolve("runs.csv")), CompareCommandTest.numbers(java.resolve("runs.csv")));
        assertEquals(Files.readString(cli.resolve("study.json")), Files.readString(java.resolve("study.json")));

        // another budget in the same directory is refused from Java too, before anything runs
        String before = Files.readString(java.resolve("runs.csv"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> study().budget(new StudyBudget(2, 1, 1, 20, InputScaling.standardized)).run(java));
        assertTrue(refused.getMessage().contains("study.json") && refused.getMessage().contains("another budget"),
                refused.getMessage());
        assertEquals(before, Files.readString(java.resolve("runs.csv")));

        // the same budget again skips every finished run and still returns them
        StudyResults again = study().budget(BUDGET).run(java);
        assertEquals(0, again.outcome().executed());
        assertEquals(results.runs().size(), again.runs().size());
    }

    @Test
    void theRunnerScalesTheInputsAsTheBudgetSays() throws IOException {
        Study dense = Study.on("subset:500").archs("mlp:8").methods("magnitude").ratios(0.5).seeds(3);
        StudyResults standardized = dense.budget(BUDGET).run(dir.resolve("standardized"));
        StudyResults raw = dense.budget(new StudyBudget(1, 1, 1, 20, InputScaling.raw)).run(dir.resolve("raw"));
        assertNotEquals(standardized.runs().get(0).measurement().accuracyAfter(),
                raw.runs().get(0).measurement().accuracyAfter(), "the dense start saw other inputs");
        assertTrue(Files.readString(dir.resolve("raw").resolve("study.json")).contains("\"inputs\" : \"raw\""));
    }
}
