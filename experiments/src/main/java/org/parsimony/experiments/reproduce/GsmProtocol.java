package org.parsimony.experiments.reproduce;

import org.knowm.xchart.internal.chartpart.Chart;
import org.parsimony.variational.data.InputScaling;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.experiments.plots.AccuracyPlot;
import org.parsimony.experiments.plots.RobustnessPlots;
import org.parsimony.experiments.results.MeanStd;
import org.parsimony.experiments.study.StudyArchitecture;
import org.parsimony.experiments.study.ResultCell;
import org.parsimony.experiments.study.RobustnessTable;
import org.parsimony.experiments.study.RunLedger;
import org.parsimony.experiments.study.RunMeasurement;
import org.parsimony.experiments.study.RunResult;
import org.parsimony.experiments.study.Shard;
import org.parsimony.experiments.study.StudyBudget;
import org.parsimony.experiments.study.StudyMethod;
import org.parsimony.experiments.study.StudyRunner;
import org.parsimony.experiments.study.StudySpec;
import org.parsimony.experiments.study.TrainerVariant;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GSM gates (Guenter &amp; Sideris, arXiv 2205.04650): "the variational method reaches about the same structure and
 * accuracy whatever its starting width and initialisation". Runs {@code compare}'s robustness study at this scale: the
 * variational method from every starting width, and on the first width with each trainer variant (initial weight
 * scale), each with its dense net of the same width; then every criterion (magnitude, MU, random, SiPP) prunes the
 * first width's dense start to the variational method's own size (its mean fraction of hidden units kept, rounded to a
 * percent) and is fine-tuned for the same budget. The runs are recorded in {@code runs.csv}, so a rerun resumes.
 */
public final class GsmProtocol {
    /** The study's data set label in {@code runs.csv}. */
    static final String DATA = "data";
    /** Units kept within this fraction of the defaults' count count as "about the same structure". */
    static final double SAME_STRUCTURE = 0.25;

    private GsmProtocol() {
    }

    /**
     * Runs the protocol on {@code unscaled} (the study runner scales it by {@code inputs}), recording runs in
     * {@code dir}.
     *
     * @param inputs      how the inputs are scaled (stated in the table)
     * @param startWidths hidden widths of each starting architecture, e.g. {@code 300,100}; the first gets the variants
     * @param variants    trainer variants ({@code init=2}, ...) or {@code none}
     */
    public static Reproduction run(ReproduceSettings settings, TrainTestSplit unscaled, InputScaling inputs,
                                   List<String> startWidths, List<String> variants, Path dir, PrintStream console) {
        List<StudyArchitecture> archs = new ArrayList<>();
        for (String w : startWidths) {
            archs.add(StudyArchitecture.parse("mlp:" + w.strip()));
        }
        List<TrainerVariant> trainers = variants.size() == 1 && variants.get(0).strip().equals("none") ? List.of()
                : TrainerVariant.parseList(variants);
        StudyBudget budget = new StudyBudget(settings.denseEpochs(), Math.max(1, settings.variationalEpochs()),
                settings.retrainEpochs(), settings.bootstrapWindow(), inputs);
        RunLedger ledger = RunLedger.open(dir, RunLedger.fileName(Shard.ALL));
        StudySpec robustness = new StudySpec(List.of(DATA), archs, List.of(StudyMethod.variational), List.of(),
                settings.seeds(), budget, trainers, true);
        new StudyRunner(robustness, name -> unscaled, ledger, 1, Shard.ALL, console).run();
        StudyArchitecture base = archs.get(0);
        double kept = variationalKept(ledger.results(), base.name());
        double ratio = Math.min(0.99, Math.max(0, Math.round(100 * (1 - kept)) / 100.0));
        console.printf(Locale.ROOT, "the variational method keeps %.1f %% of the hidden units of %s; pruning the dense start "
                + "with every criterion to ratio %.2f%n", 100 * kept, base.name(), ratio);
        // the ranking criteria remove the same fraction of units as the variational net; PFP (its own allocation) aims at
        // a number of parameters instead, and unit-level SiPP is now PFP
        StudySpec sameSize = new StudySpec(List.of(DATA), List.of(base), List.of(StudyMethod.parse("magnitude"), StudyMethod.parse("mu"),
                StudyMethod.parse("random")), List.of(ratio), settings.seeds(), budget);
        new StudyRunner(sameSize, name -> unscaled, ledger, 1, Shard.ALL, console).run();
        return report(settings, inputs.apply(unscaled), ledger.results(), base, ratio, budget);
    }

    /** The variational method's mean fraction of hidden units kept on {@code arch} (defaults). */
    private static double variationalKept(List<RunResult> results, String arch) {
        return results.stream().filter(r -> r.key().arch().equals(arch) && r.key().method().equals(StudyMethod.variational.name()))
                .mapToDouble(r -> (double) Arrays.stream(r.measurement().unitsKept()).sum()
                        / Arrays.stream(r.measurement().unitsStart()).sum()).average()
                .orElseThrow(() -> new IllegalStateException("no variational run on " + arch));
    }

    private static Reproduction report(ReproduceSettings settings, TrainTestSplit split, List<RunResult> results,
                                       StudyArchitecture base, double ratio, StudyBudget budget) {
        List<ResultCell> cells = ResultCell.group(results);
        List<ResultCell> variational = cells.stream().filter(c -> c.method().startsWith(StudyMethod.variational.name())).toList();
        ResultCell defaults = variational.stream().filter(c -> c.arch().equals(base.name())
                && c.method().equals(StudyMethod.variational.name())).findFirst().orElseThrow();
        double baseUnits = defaults.stat(GsmProtocol::hiddenKept).mean();
        double worst = 0;
        double lowAccuracy = 1;
        double highAccuracy = 0;
        for (ResultCell c : variational) {
            worst = Math.max(worst, Math.abs(c.stat(GsmProtocol::hiddenKept).mean() / baseUnits - 1));
            lowAccuracy = Math.min(lowAccuracy, c.stat(RunMeasurement::accuracyAfter).mean());
            highAccuracy = Math.max(highAccuracy, c.stat(RunMeasurement::accuracyAfter).mean());
        }
        String ratioText = Double.toString(ratio);
        List<ResultCell> criteria = cells.stream().filter(c -> c.arch().equals(base.name()) && c.ratio().equals(ratioText)
                && StudyMethod.parse(c.method()).isCriterion()).toList();
        ResultCell best = criteria.stream().max((a, b) -> Double.compare(a.stat(RunMeasurement::accuracyAfter).mean(),
                b.stat(RunMeasurement::accuracyAfter).mean())).orElseThrow();
        MeanStd gap = pairedGap(defaults, best);
        String verdict = String.format(Locale.ROOT, "GSM's claim (the same structure and accuracy whatever the starting width "
                        + "and initialisation) %s: over %d starts and initialisations the hidden units kept differ from the "
                        + "defaults' by at most %.0f %% (threshold %.0f %%) and the accuracy spans %.2f-%.2f %%; at the same "
                        + "size (%.0f %% of the units removed) the variational net is %s against the best criterion (%s, "
                        + "%s) (%d seeds).", worst <= SAME_STRUCTURE ? "holds" : "does not hold", variational.size(),
                100 * worst, 100 * SAME_STRUCTURE, 100 * lowAccuracy, 100 * highAccuracy, 100 * ratio,
                CurveTable.points(gap), best.method(), best.stat(RunMeasurement::accuracyAfter).percent(),
                settings.seeds().size());
        StringBuilder table = new StringBuilder("# GSM gates (Guenter & Sideris): robustness and size-matched comparison\n\n");
        table.append("**Verdict.** ").append(verdict).append("\n\n");
        table.append(RobustnessTable.markdown(results, budget.variationalStatement()).replaceFirst("^# [^\n]*\n\n", ""))
                .append(String.format(Locale.ROOT, "(\"units vs defaults\" is relative to the table's first row; the verdict "
                        + "compares every row with %s under the defaults.)%n%n", base.name()));
        table.append(String.format(Locale.ROOT, "## Against the criteria at the same size (%s, %.0f %% of the hidden units "
                + "removed, fine-tuned %d epochs)%n%n| method | units kept per layer | params kept | accuracy before fine-tuning "
                + "| accuracy | n |%n|---|---|---|---|---|---|%n", base.name(), 100 * ratio, settings.retrainEpochs()));
        List<ResultCell> compared = new ArrayList<>(List.of(defaults));
        compared.addAll(criteria);
        for (ResultCell c : compared) {
            String units = java.util.stream.IntStream.range(0, c.layers()).mapToObj(l -> c.unitsKept(l).units())
                    .collect(java.util.stream.Collectors.joining(" / "));
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", c.method(), units,
                    c.stat(RunMeasurement::paramsFraction).percent(), c.stat(RunMeasurement::accuracyBefore).percent(),
                    c.stat(RunMeasurement::accuracyAfter).percent(), c.runs().size()));
        }
        Map<String, Object> out = Protocols.results("gsm", settings, split, verdict);
        out.put("sameSizeRatio", ratio);
        out.put("bestCriterion", best.method());
        out.put("runs", results);
        Map<String, Chart<?, ?>> plots = new LinkedHashMap<>();
        plots.put("units-vs-width.png", RobustnessPlots.unitsAgainstWidth(cells));
        List<ResultCell> baseCells = cells.stream().filter(c -> c.arch().equals(base.name())
                && (c.method().equals(StudyMethod.variational.name()) || !c.method().startsWith(StudyMethod.variational.name())))
                .toList();
        plots.put("accuracy-vs-params.png", AccuracyPlot.chart(baseCells, AccuracyPlot.Axis.PARAMS));
        return new Reproduction("gsm", verdict, table.toString(), out, plots);
    }

    /** Over seeds, the variational run's accuracy minus the criterion's, paired by seed. */
    private static MeanStd pairedGap(ResultCell variational, ResultCell criterion) {
        List<Double> gaps = new ArrayList<>();
        for (RunResult v : variational.runs()) {
            criterion.runs().stream().filter(c -> c.key().seed() == v.key().seed()).findFirst()
                    .ifPresent(c -> gaps.add(v.measurement().accuracyAfter() - c.measurement().accuracyAfter()));
        }
        return MeanStd.of(gaps.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double hiddenKept(RunMeasurement m) {
        return Arrays.stream(m.unitsKept()).sum();
    }
}
