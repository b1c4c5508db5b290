package org.parsimony.experiments.study;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.pruning.criteria.CriterionType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network family a study trains and prunes, named as on the command line. An architecture does the training of
 * its three kinds of run (dense start, criterion applied to it, variational network), so {@link StudyRunner}
 * schedules runs without knowing what a layer is: {@link MlpArchitecture} and {@link ConvArchitecture}. Serializable,
 * so that a study's runs can be shipped to Spark executors.
 */
public interface StudyArchitecture extends Serializable {

    /** The name as given, e.g. {@code lenet300} or {@code mlp:300,100}. */
    String name();

    /** Trains the dense start every criterion of a (data set, seed) prunes. */
    TrainedDense trainDense(TrainTestSplit data, StudyBudget budget, long seed);

    /** Prunes {@code dense} (made by this architecture) with {@code criterion} to {@code ratio}, then fine-tunes it. */
    RunMeasurement prune(TrainedDense dense, CriterionType criterion, double ratio, long seed, TrainTestSplit data,
                         StudyBudget budget);

    /**
     * Prunes {@code dense} with {@code method} to {@code ratio} at the budget's granularity, scope and rounds, then
     * fine-tunes it. By default a ranking criterion removing units layer-wise in one shot
     * ({@link #prune(TrainedDense, CriterionType, double, long, TrainTestSplit, StudyBudget)}); see
     * {@link #requirePruning}.
     */
    default RunMeasurement prune(TrainedDense dense, StudyMethod method, double ratio, long seed, TrainTestSplit data,
                                 StudyBudget budget) {
        requirePruning(method, budget);
        return prune(dense, method.criterion(), ratio, seed, data, budget);
    }

    /**
     * Checks, before any run, that this architecture can prune with {@code method} under {@code budget}; by default
     * only a ranking criterion removing units layer-wise, in one shot or in rounds.
     *
     * @throws IllegalArgumentException saying what this architecture cannot do
     */
    default void requirePruning(StudyMethod method, StudyBudget budget) {
        if (method.criterion() == null || budget.granularity() != Granularity.units
                || budget.scope() != org.parsimony.pruning.policy.RatioScope.LAYER_WISE) {
            throw new IllegalArgumentException("architecture " + name() + " is pruned by unit, layer-wise, "
                    + "by the ranking criteria; --granularity weights, --scope GLOBAL and pfp need an MLP");
        }
    }

    /**
     * Trains the gated network from scratch with the variational trainer (its defaults changed by {@code variant}),
     * then fine-tunes it.
     */
    RunMeasurement trainVariational(TrainTestSplit data, StudyBudget budget, long seed, TrainerVariant variant);

    /**
     * Checks, without training, that this architecture can be built for {@code data} (a conv net needs square
     * images and one width per gated layer), so that a study fails before its first run.
     *
     * @throws IllegalArgumentException saying what does not fit
     */
    void check(TrainTestSplit data);

    /** Whether {@code method} can run on this architecture (every method, unless an implementation says otherwise). */
    default boolean supports(StudyMethod method) {
        return true;
    }

    /**
     * The architecture called {@code name}: {@code lenet300} (LeNet-300-100), {@code mlp:W1,W2,...}, or the conv nets
     * {@code lenet5}, {@code vgg}, {@code vgg16}, {@code resnet20} and {@code resnet56}, optionally resized per gated layer ({@code lenet5:F1,F2,U3},
     * {@code vgg:F1,F2,F3,F4,U5}) or by a width multiplier ({@code vgg16:x0.25}).
     *
     * @throws IllegalArgumentException naming the bad architecture
     */
    static StudyArchitecture parse(String name) {
        String n = name.strip();
        if (n.equals("lenet300")) {
            return new MlpArchitecture(n, new int[] {300, 100});
        }
        if (ConvArchitecture.REFERENCES.contains(n)) {
            return new ConvArchitecture(n, n, null);
        }
        String prefix = n.contains(":") ? n.substring(0, n.indexOf(':')) : n;
        boolean conv = ConvArchitecture.REFERENCES.contains(prefix);
        if (conv && n.startsWith(prefix + ":x")) {
            try {
                return new ConvArchitecture(n, prefix, null, Double.parseDouble(n.substring(prefix.length() + 2).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("architecture '" + name + "': the width multiplier after ':x' must be "
                        + "a number, as in " + prefix + ":x0.25");
            }
        }
        if (prefix.equals("mlp") || conv) {
            int[] widths;
            try {
                widths = Arrays.stream(n.substring(prefix.length() + 1).split(",")).mapToInt(w -> Integer.parseInt(w.strip()))
                        .toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("architecture '" + name + "': widths must be integers, as in "
                        + prefix + ":" + (prefix.equals("mlp") ? "300,100" : "20,50,500"));
            }
            return prefix.equals("mlp") ? new MlpArchitecture(n, widths) : new ConvArchitecture(n, prefix, widths);
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "' (known: lenet300, mlp:W1,W2,..., lenet5, "
                + "lenet5:F1,F2,U3, vgg, vgg:F1,F2,F3,F4,U5, vgg16, vgg16:F1,...,F13,U14, resnet20, resnet56; a conv net also as NAME:xM, "
                + "its widths times M)");
    }

    /**
     * Architectures from a comma-separated list in which a bare number continues the previous {@code mlp:} widths,
     * so {@code lenet300,mlp:20,10,mlp:5} is three architectures (names never start with a digit).
     */
    static List<StudyArchitecture> parseList(String list) {
        List<String> names = new ArrayList<>();
        for (String token : list.split(",")) {
            String t = token.strip();
            if (!t.isEmpty() && Character.isDigit(t.charAt(0)) && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "," + t);
            } else {
                names.add(t);
            }
        }
        return names.stream().map(StudyArchitecture::parse).toList();
    }
}
