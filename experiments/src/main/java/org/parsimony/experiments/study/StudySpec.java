package org.parsimony.experiments.study;

import java.util.ArrayList;
import java.util.List;

/**
 * A comparison study: data sets x architectures x methods x ratios x seeds, with one training budget. Criteria run
 * at every ratio, the variational method once per seed, and whenever a criterion is present the dense start of each
 * (data set, architecture, seed) is a run of its own (the baseline).
 *
 * @param datasets data set names
 * @param archs    architectures
 * @param methods  methods (never {@link StudyMethod#dense}: it is implied)
 * @param ratios   fractions of hidden units (or, in a weight study, of weights) removed by the criteria, each in [0, 1)
 * @param seeds    seeds
 * @param budget   the training budget of every method
 * @param variants trainer variants of the variational method besides its defaults, one factor at a time: they run on
 *                 the first architecture only (the other architectures vary the width)
 * @param denseReference whether every (data set, architecture, seed) gets its dense run even without a criterion (the
 *                 reference of a study of the variational method alone)
 */
public record StudySpec(List<String> datasets, List<StudyArchitecture> archs, List<StudyMethod> methods, List<Double> ratios,
                        List<Long> seeds, StudyBudget budget, List<TrainerVariant> variants, boolean denseReference) {

    /** A study without trainer variants, with dense runs only where a criterion needs them. */
    public StudySpec(List<String> datasets, List<StudyArchitecture> archs, List<StudyMethod> methods, List<Double> ratios,
                     List<Long> seeds, StudyBudget budget) {
        this(datasets, archs, methods, ratios, seeds, budget, List.of(), false);
    }

    /** @throws IllegalArgumentException naming the first empty or bad dimension */
    public StudySpec {
        datasets = List.copyOf(datasets);
        archs = List.copyOf(archs);
        methods = List.copyOf(methods);
        ratios = List.copyOf(ratios);
        seeds = List.copyOf(seeds);
        variants = List.copyOf(variants);
        if (variants.stream().anyMatch(TrainerVariant::isDefault)) {
            throw new IllegalArgumentException("the trainer's defaults always run; list only the variants");
        }
        if (!variants.isEmpty() && !methods.contains(StudyMethod.variational)) {
            throw new IllegalArgumentException("trainer variants need the variational method");
        }
        requireSome("datasets", datasets);
        requireSome("architectures", archs);
        requireSome("methods", methods);
        requireSome("seeds", seeds);
        if (methods.contains(StudyMethod.dense)) {
            throw new IllegalArgumentException("the dense baseline is implied by any criterion; do not list it as a method");
        }
        for (double r : ratios) {
            if (!(r >= 0 && r < 1)) {
                throw new IllegalArgumentException("ratios must be in [0, 1), got " + r);
            }
        }
        if (ratios.isEmpty() && methods.stream().anyMatch(StudyMethod::isCriterion)) {
            throw new IllegalArgumentException("the criteria need at least one ratio");
        }
        if (budget == null) {
            throw new IllegalArgumentException("a study needs a budget");
        }
        for (StudyMethod method : methods) {
            method.requireGranularity(budget.granularity());
        }
        for (StudyArchitecture arch : archs) {
            for (StudyMethod method : methods) {
                if (!arch.supports(method)) {
                    throw new IllegalArgumentException("method " + method.label() + " cannot run on architecture " + arch.name()
                            + " (" + method.label() + " is defined for MLPs only)");
                }
                if (method.isCriterion()) {
                    arch.requirePruning(method, budget);
                }
            }
        }
    }

    private static void requireSome(String what, List<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one of " + what);
        }
    }

    /**
     * Every run in the study's fixed order: per data set, architecture and seed the dense start, the criteria, then the
     * variational method with its defaults and (first architecture only) its variants.
     */
    public List<StudyRun> runs() {
        List<StudyRun> runs = new ArrayList<>();
        boolean anyCriterion = methods.stream().anyMatch(StudyMethod::isCriterion);
        for (String dataset : datasets) {
            for (StudyArchitecture arch : archs) {
                for (long seed : seeds) {
                    if (anyCriterion || denseReference) {
                        add(runs, new RunKey(dataset, arch.name(), StudyMethod.dense.name(), "", seed), arch, StudyMethod.dense);
                    }
                    for (StudyMethod method : methods) {
                        if (method.isCriterion()) {
                            for (double ratio : ratios) {
                                add(runs, new RunKey(dataset, arch.name(), method.label(), RunKey.ratioText(ratio), seed), arch, method);
                            }
                        }
                    }
                    if (methods.contains(StudyMethod.variational)) {
                        List<TrainerVariant> trainers = new ArrayList<>(List.of(TrainerVariant.DEFAULTS));
                        if (arch == archs.get(0)) {
                            trainers.addAll(variants);
                        }
                        for (TrainerVariant v : trainers) {
                            runs.add(new StudyRun(runs.size(), new RunKey(dataset, arch.name(), v.methodName(), RunKey.AUTO,
                                    seed), arch, StudyMethod.variational, v));
                        }
                    }
                }
            }
        }
        return runs;
    }

    private static void add(List<StudyRun> runs, RunKey key, StudyArchitecture arch, StudyMethod method) {
        runs.add(new StudyRun(runs.size(), key, arch, method));
    }
}
