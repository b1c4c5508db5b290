package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.experiments.data.PlantedTeacherWriter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reproduce} runs each paper's protocol end to end on tiny data (a planted-teacher IDX set of 600 training and
 * 400 test images, widths 12,6, one epoch, one seed, a few ratios and splits) and writes a well-formed table, results
 * file and plots. It does not assert which method wins: at this scale that is noise.
 */
class ReproduceCommandTest {
    @TempDir
    static Path dir;
    static Path data;
    static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void tinyData() {
        data = dir.resolve("data");
        PlantedTeacherWriter.write(data, 20, 600, 400, 0.05, 7);
    }

    private static List<String> common(String paper, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("reproduce", paper, "--data-dir", data.toString(), "--seeds", "1",
                "--widths", "12,6", "--dense-epochs", "1", "--retrain", "1", "--variational-epochs", "1",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    private static JsonNode expectOutputs(List<String> args, Path out, String... plots) throws IOException {
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String table = Files.readString(out.resolve("table.md"));
        assertTrue(table.startsWith("# "), table);
        assertTrue(table.contains("**Verdict.** "), table);
        assertTrue(table.contains("|---|"), "a Markdown table: " + table);
        JsonNode results = MAPPER.readTree(out.resolve("results.json").toFile());
        String verdict = results.get("verdict").asText();
        assertTrue(verdict.matches("^[^:]* (holds|does not hold): .*"), verdict);
        assertTrue(table.contains(verdict), "the table starts with the verdict of results.json");
        assertTrue(run.out().contains(verdict), "the verdict is printed");
        assertTrue(results.get("command").asText().startsWith("parsimony reproduce "), results.toString());
        for (String plot : plots) {
            BufferedImage image = ImageIO.read(out.resolve(plot).toFile());
            assertNotNull(image, plot + " is a readable image");
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, plot);
        }
        return results;
    }

    /** Every curve has one point per ratio, with kept fractions and accuracies that are fractions. */
    private static void expectCurves(JsonNode results, int methods, int ratios) {
        JsonNode curves = results.get("curves");
        assertEquals(methods, curves.size(), curves.toString());
        for (JsonNode curve : curves) {
            assertEquals(ratios, curve.get("points").size());
            for (JsonNode p : curve.get("points")) {
                double kept = (double) p.get("keptWeights").asLong() / p.get("totalWeights").asLong();
                assertTrue(kept > 0 && kept <= 1 - p.get("ratio").asDouble() + 0.02, p.toString());
                for (String field : new String[] {"accuracyBefore", "accuracyAfter"}) {
                    double a = p.get(field).asDouble();
                    assertTrue(a >= 0 && a <= 1, p.toString());
                }
                assertTrue(p.get("relativeError").asDouble() >= 0, p.toString());
            }
        }
    }

    @Test
    void muWritesCurvesAndTheScaleInvarianceDemonstration() throws IOException {
        Path out = dir.resolve("mu");
        JsonNode results = expectOutputs(common("mu", out, "--ratios", "0.5,0.9"), out, "accuracy-vs-kept.png");
        expectCurves(results, 5, 2); // magnitude, MU, random; magnitude and MU on the variational net
        for (JsonNode row : results.get("scaleInvariance").get(0).get("globalMasks")) {
            assertEquals(0, row.get("muChangedWeights").asLong(), "MU's global mask is the same after rescaling: " + row);
            assertEquals(row.get("muAccuracyOriginal").asDouble(), row.get("muAccuracyRescaled").asDouble(), 1e-3, row.toString());
        }
    }

    @Test
    void sippWritesRelativeErrorsAndTheIsolationExperiment() throws IOException {
        Path out = dir.resolve("sipp");
        JsonNode results = expectOutputs(common("sipp", out, "--ratios", "0.5,0.9", "--sensitivity-batch", "64",
                "--isolation-ratios", "0.8"), out, "accuracy-vs-kept.png", "relative-error-vs-kept.png");
        expectCurves(results, 3, 2);
        assertEquals(3, results.get("isolation").size(), "sipp, magnitude and random masks retrained in isolation");
    }

    @Test
    void confidentReportsCoverageOverTheSplits() throws IOException {
        Path out = dir.resolve("confident");
        JsonNode results = expectOutputs(common("confident", out, "--ratios", "0.1,0.5,0.9", "--splits", "7",
                "--calibration", "200"), out, "risk-vs-kept.png");
        assertEquals(7, results.get("splits").asInt());
        int covered = results.get("certifiedCovered").asInt();
        assertTrue(covered >= 0 && covered <= 7);
        JsonNode interval = results.get("certifiedInterval");
        double coverage = covered / 7.0;
        assertTrue(interval.get("lower").asDouble() <= coverage && coverage <= interval.get("upper").asDouble(), interval.toString());
        assertEquals(7, results.get("perSeed").get(0).get("splits").size());
        Path units = dir.resolve("confident-units");
        JsonNode unitLevel = expectOutputs(common("confident", units, "--ratios", "0.1,0.5", "--splits", "3",
                "--calibration", "200", "--granularity", "units"), units, "risk-vs-kept.png");
        assertEquals("units", unitLevel.get("granularity").asText());
        double keptAtHalf = unitLevel.get("keptFractions").get(0).get(1).asDouble();
        assertTrue(keptAtHalf > 0.3 && keptAtHalf < 0.7, "half the hidden units removed keeps about half the parameters: "
                + keptAtHalf);
    }

    @Test
    void gsmRunsTheRobustnessStudyAndTheSizeMatchedCriteria() throws IOException {
        Path out = dir.resolve("gsm");
        JsonNode results = expectOutputs(common("gsm", out, "--gsm-widths", "12,6;24,12", "--gsm-variants", "init=2"),
                out, "units-vs-width.png", "accuracy-vs-params.png");
        double ratio = results.get("sameSizeRatio").asDouble();
        assertTrue(ratio >= 0 && ratio < 1, "ratio " + ratio);
        String table = Files.readString(out.resolve("table.md"));
        assertTrue(table.contains("variational[init=2]"), table);
        assertTrue(table.contains("| mu |") && table.contains("| magnitude |"), table);
        assertTrue(Files.exists(out.resolve("runs.csv")));
    }

    @Test
    void badSettingsAreRefusedInOneLine() {
        CommandRun unsorted = CommandRun.of(common("mu", dir.resolve("bad"), "--ratios", "0.9,0.5").toArray(String[]::new));
        assertEquals(1, unsorted.exitCode());
        assertTrue(unsorted.err().startsWith("error: --ratios must be strictly increasing"), unsorted.err());
        CommandRun calibration = CommandRun.of(common("confident", dir.resolve("bad2"), "--calibration", "400")
                .toArray(String[]::new));
        assertEquals(1, calibration.exitCode());
        assertTrue(calibration.err().startsWith("error: --calibration 400 leaves no test part"), calibration.err());
        assertFalse(Files.exists(dir.resolve("bad2").resolve("table.md")));
        CommandRun units = CommandRun.of(common("mu", dir.resolve("bad3"), "--granularity", "units").toArray(String[]::new));
        assertEquals(1, units.exitCode());
        assertTrue(units.err().startsWith("error: --granularity units applies to confident"), units.err());
    }
}
