package org.parsimony.pruning.criteria.sipp;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.surgery.KeptUnits;
import org.parsimony.pruning.surgery.UnitSurgery;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * Structured SiPP, the PFP form (Liebenwein, Baykal, Lang, Feldman &amp; Rus, "Provable Filter Pruning for
 * Efficient Neural Networks", arXiv 1911.07412; reference code torchprune, {@code PFPNet}/{@code PFPNetRand}):
 * removes a fraction {@code r} of the hidden units, scored by how much the next layer uses their activation
 * ({@link EmpiricalSensitivity#unitSensitivity}), and, when sampling, reweights the outgoing weights of the
 * kept units.
 *
 * <p><b>Allocation</b> (torchprune's {@code PFPRandAllocator}). Hidden layer {@code l} with unit sensitivities
 * {@code s_j}, total {@code S_l} and {@code p_j = s_j / S_l} needs, for relative error {@code eps} of the next
 * layer's pre-activations,
 * <pre>  m_l(eps) = ceil( 3 (6 + 2 eps) c_l / eps^2 ),   c_l = 2 C log(8 eta / delta) S_l,  eta = 2,</pre>
 * samples, which keep {@code k_l(eps) = ceil(sum_j (1 - (1 - p_j)^{m_l}))} distinct units in expectation
 * (at least 1, at most the units with {@code s_j > 0}; a layer with {@code S_l = 0} keeps 1). One {@code eps}
 * is shared by all layers, found by bisection for the target: {@code H - round(r H)} hidden units
 * ({@link #prune}), or a number of parameters, weights and biases of all layers as torchprune counts a network's
 * size ({@link #pruneToParameters}). Between the two allocations nearest the target, units are then added one at a
 * time (the next most sensitive of a layer), so that the count misses the target by less than one unit (one unit's
 * parameters; in {@link Mode#SAMPLING} that is the expected count, the realized one is random); torchprune stops at
 * the bisection.
 *
 * <p><b>Sparsification.</b> {@link Mode#DETERMINISTIC} (torchprune's {@code PFPNet}) keeps the {@code k_l}
 * most sensitive units unchanged. {@link Mode#SAMPLING} ({@code PFPNetRand}) draws {@code N_l} units with
 * replacement from {@code p} ({@code N_l} the smallest number whose expected distinct count reaches
 * {@code k_l}) and multiplies the outgoing row {@code W_{l+1}[j, :]} of a unit drawn {@code count_j > 0}
 * times by {@code count_j / (N_l p_j)}; the realized number of units is random. Then {@link UnitSurgery}
 * removes the other units. A target above the number of units with positive sensitivity keeps those
 * unchanged plus the zero-sensitivity units with the largest outgoing-weight norms.
 *
 * <p><b>Simplifications:</b> dense layers; the network inputs are not pruned (only hidden units, as in
 * {@link org.parsimony.pruning.policy.UnitRatioPolicy}; torchprune can prune input features too); no hybrid split between kept-for-sure and sampled units
 * ({@code PFPTopAllocator}); draws capped at 64 per unit with positive sensitivity, as in
 * {@link SippWeightPruner}.
 */
public final class PfpUnitPruner {

    /** How the units of a layer are chosen once its count is allocated. */
    public enum Mode {
        /** The most sensitive units, unchanged. */
        DETERMINISTIC,
        /** Importance sampling with reweighting of the outgoing weights. */
        SAMPLING
    }

    private final DeterministicMlp network;
    private final EmpiricalSensitivity sensitivity;
    private final double failureProbability;
    private final double constant;
    private final Mode mode;

    /** Deterministic PFP with {@code delta = 1e-16}, {@code C = 3} on the sensitivities of {@code network} over {@code batch}. */
    public PfpUnitPruner(DeterministicMlp network, INDArray batch) {
        this(network, EmpiricalSensitivity.of(network, batch));
    }

    /**
     * Deterministic PFP with {@code delta = 1e-16}, {@code C = 3}.
     *
     * @throws IllegalArgumentException if the sensitivities describe other widths than the network, or the
     *                                  network has no hidden layer
     */
    public PfpUnitPruner(DeterministicMlp network, EmpiricalSensitivity sensitivity) {
        this(network, sensitivity, 1e-16, 3, Mode.DETERMINISTIC);
    }

    private PfpUnitPruner(DeterministicMlp network, EmpiricalSensitivity sensitivity, double failureProbability,
                          double constant, Mode mode) {
        if (!(failureProbability > 0 && failureProbability < 1)) {
            throw new IllegalArgumentException("failure probability delta must be in (0, 1), got " + failureProbability);
        }
        if (!(constant > 0) || Double.isInfinite(constant)) {
            throw new IllegalArgumentException("the constant C must be positive and finite, got " + constant);
        }
        sensitivity.requireWidths(network.widths(), "the network");
        if (network.layerCount() < 2) {
            throw new IllegalArgumentException("structured pruning needs a hidden layer; the network has widths "
                    + java.util.Arrays.toString(network.widths()));
        }
        this.network = network;
        this.sensitivity = sensitivity;
        this.failureProbability = failureProbability;
        this.constant = constant;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    /** The same pruner with failure probability {@code delta} in (0, 1). */
    public PfpUnitPruner withFailureProbability(double delta) {
        return new PfpUnitPruner(network, sensitivity, delta, constant, mode);
    }

    /** The same pruner with constant {@code C > 0}. */
    public PfpUnitPruner withConstant(double c) {
        return new PfpUnitPruner(network, sensitivity, failureProbability, c, mode);
    }

    /** The same pruner in another mode. */
    public PfpUnitPruner withMode(Mode value) {
        return new PfpUnitPruner(network, sensitivity, failureProbability, constant, value);
    }

    /** A short description for result files. */
    public String description() {
        return "pfp-" + mode.name().toLowerCase(java.util.Locale.ROOT) + " delta=" + failureProbability + " C=" + constant;
    }

    /**
     * Removes a fraction {@code ratio} of the hidden units: keeps {@code max(L - 1, H - round(r H))} of the
     * {@code H} hidden units.
     *
     * @param seed seeds the sampling ({@link Mode#SAMPLING}); the same seed gives the same result
     * @throws IllegalArgumentException if {@code ratio} is outside [0, 1]
     */
    public PfpUnitPruning prune(double ratio, long seed) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("pruning ratio must be in [0, 1], got " + ratio);
        }
        Layers layers = new Layers();
        long target = Math.max(layers.hidden, layers.total - Math.round(ratio * layers.total));
        return prune(layers, target, PfpUnitPruner::unitCount, seed);
    }

    /**
     * Keeps about {@code target} parameters (weights and biases of all layers, as torchprune counts a network's
     * size): the shared {@code eps} whose allocation comes closest, then units added or removed one at a time
     * (the next most sensitive of a layer) between the two nearest allocations, so that the count misses the
     * target by less than one unit's parameters (its incoming weights, bias and outgoing weights).
     *
     * @param seed seeds the sampling ({@link Mode#SAMPLING}); the same seed gives the same result
     * @throws IllegalArgumentException if {@code target} is negative or more than the network's parameters
     */
    public PfpUnitPruning pruneToParameters(long target, long seed) {
        long all = network.complexity().parameters();
        if (target < 0 || target > all) {
            throw new IllegalArgumentException("parameters to keep must be in [0, " + all + "], got " + target);
        }
        int[] widths = network.widths();
        return prune(new Layers(), target, counts -> parameterCount(widths, counts), seed);
    }

    /** The network's units and sensitivities, per hidden layer. */
    private final class Layers {
        final int hidden;
        int total;
        int sensitive;
        final List<double[]> probabilities = new ArrayList<>();
        final double[] sums;
        final int[] positive;
        final List<int[]> order = new ArrayList<>();
        final List<double[]> norms = new ArrayList<>();

        Layers() {
            hidden = network.widths().length - 2;
            sums = new double[hidden];
            positive = new int[hidden];
            for (int l = 0; l < hidden; l++) {
                double[] s = sensitivity.unitSensitivityView(l);
                total += s.length;
                for (double v : s) {
                    sums[l] += v;
                    positive[l] += v > 0 ? 1 : 0;
                }
                sensitive += Math.max(1, positive[l]);
                double[] p = new double[s.length];
                for (int j = 0; j < s.length; j++) {
                    p[j] = sums[l] > 0 ? s[j] / sums[l] : 0;
                }
                probabilities.add(p);
                norms.add(network.weight(l + 1).castTo(DataType.DOUBLE).norm2(1).toDoubleVector());
                order.add(ranking(s, norms.get(l)));
            }
        }

        /** Every unit with positive sensitivity, at least one per layer. */
        int[] allSensitive() {
            int[] counts = new int[hidden];
            for (int l = 0; l < hidden; l++) {
                counts[l] = Math.max(1, positive[l]);
            }
            return counts;
        }
    }

    private PfpUnitPruning prune(Layers layers, long target, ToLongFunction<int[]> size, long seed) {
        int[] widths = network.widths();
        int hidden = layers.hidden;
        int[] counts;
        double epsilon = Double.NaN;
        boolean beyondSensitive = target >= size.applyAsLong(layers.allSensitive());
        if (beyondSensitive) {
            counts = fillBeyondSensitive(layers.positive, layers.order, layers.norms, target, size);
        } else {
            double factor = 2 * constant * Math.log(8 * 2 / failureProbability);
            double lo = Math.log(1e-12);
            double hi = Math.log(1e12);
            int[] below = null; // the largest allocation of at most the target
            int[] above = null; // the smallest allocation above it
            double belowEps = Double.NaN;
            double aboveEps = Double.NaN;
            for (int it = 0; it < 100; it++) {
                double mid = 0.5 * (lo + hi);
                int[] k = allocation(Math.exp(mid), factor, layers.sums, layers.positive, layers.probabilities);
                long kept = size.applyAsLong(k);
                if (kept <= target && (below == null || kept > size.applyAsLong(below))) {
                    below = k;
                    belowEps = Math.exp(mid);
                }
                if (kept > target && (above == null || kept < size.applyAsLong(above))) {
                    above = k;
                    aboveEps = Math.exp(mid);
                }
                if (kept > target) {
                    lo = mid;
                } else if (kept < target) {
                    hi = mid;
                } else {
                    break;
                }
            }
            if (below == null) {
                counts = above; // even one unit per layer is above the target
                epsilon = aboveEps;
            } else {
                counts = above == null ? below : between(below, above, layers, target, size);
                epsilon = belowEps;
            }
        }
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            weights.add(network.weight(l));
            biases.add(network.bias(l));
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<boolean[]> keep = new ArrayList<>();
        for (int l = 0; l < hidden; l++) {
            boolean[] flags = new boolean[widths[l + 1]];
            int[] rank = layers.order.get(l);
            if (mode == Mode.DETERMINISTIC || counts[l] >= layers.positive[l] || beyondSensitive) {
                for (int k = 0; k < counts[l]; k++) {
                    flags[rank[k]] = true;
                }
            } else {
                double[] p = layers.probabilities.get(l);
                long draws = ImportanceSampling.drawsForDistinct(p, counts[l]);
                int[] drawn = ImportanceSampling.counts(p, draws, random);
                INDArray next = weights.get(l + 1);
                for (int j = 0; j < drawn.length; j++) {
                    if (drawn[j] > 0) {
                        flags[j] = true;
                        next.getRow(j).muli(drawn[j] / (draws * p[j]));
                    }
                }
            }
            keep.add(flags);
        }
        KeptUnits kept = KeptUnits.fromFlags(keep);
        DeterministicMlp pruned = UnitSurgery.apply(new DeterministicMlp(weights, biases), kept);
        return new PfpUnitPruning(pruned, kept, (int) kept.keptCount(), layers.total, epsilon);
    }

    /**
     * From allocation {@code below} (at most the target) towards {@code above} (more), one unit at a time, the next
     * most sensitive unit of any layer still short of {@code above} first, while the count does not pass the target;
     * then one more unit if that lands closer to it.
     */
    private static int[] between(int[] below, int[] above, Layers layers, long target, ToLongFunction<int[]> size) {
        int[] counts = below.clone();
        while (true) {
            int best = -1;
            double bestSensitivity = -1;
            for (int l = 0; l < counts.length; l++) {
                if (counts[l] < above[l]) {
                    double s = layers.probabilities.get(l)[layers.order.get(l)[counts[l]]] * layers.sums[l];
                    if (s > bestSensitivity) {
                        best = l;
                        bestSensitivity = s;
                    }
                }
            }
            if (best < 0) {
                return counts;
            }
            long now = size.applyAsLong(counts);
            counts[best]++;
            long next = size.applyAsLong(counts);
            if (next > target) {
                if (next - target >= target - now) {
                    counts[best]--;
                }
                return counts;
            }
        }
    }

    /** Hidden units kept. */
    private static long unitCount(int[] counts) {
        return java.util.Arrays.stream(counts).asLongStream().sum();
    }

    /** Weights and biases of the network {@code widths} becomes with {@code counts} hidden units per layer. */
    static long parameterCount(int[] widths, int[] counts) {
        long parameters = 0;
        long previous = widths[0];
        for (int l = 0; l < widths.length - 1; l++) {
            long units = l < counts.length ? counts[l] : widths[widths.length - 1];
            parameters += (previous + 1) * units;
            previous = units;
        }
        return parameters;
    }

    /** {@code k_l(eps)} for every hidden layer. */
    private static int[] allocation(double eps, double factor, double[] sums, int[] positive, List<double[]> p) {
        int[] k = new int[sums.length];
        for (int l = 0; l < sums.length; l++) {
            if (sums[l] <= 0) {
                k[l] = 1;
                continue;
            }
            double samples = Math.ceil(3 * (6 + 2 * eps) * factor * sums[l] / (eps * eps));
            double distinct = Math.ceil(ImportanceSampling.expectedDistinct(p.get(l), samples) - 1e-9);
            k[l] = (int) Math.max(1, Math.min(positive[l], distinct));
        }
        return k;
    }

    /**
     * All units with positive sensitivity (at least one per layer), then the others by descending outgoing
     * norm over all layers (ties: layer, rank), while the size does not pass {@code target}; then one more unit
     * if that lands closer to it.
     */
    private static int[] fillBeyondSensitive(int[] positive, List<int[]> order, List<double[]> norms, long target,
                                             ToLongFunction<int[]> size) {
        int[] counts = new int[positive.length];
        List<int[]> rest = new ArrayList<>();
        for (int l = 0; l < positive.length; l++) {
            counts[l] = Math.max(1, positive[l]);
            for (int k = counts[l]; k < order.get(l).length; k++) {
                rest.add(new int[] {l, k});
            }
        }
        rest.sort(Comparator.<int[]>comparingDouble(e -> -norms.get(e[0])[order.get(e[0])[e[1]]])
                .thenComparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        for (int[] e : rest) {
            long now = size.applyAsLong(counts);
            if (now >= target) {
                break;
            }
            counts[e[0]]++;
            long next = size.applyAsLong(counts);
            if (next > target && next - target >= target - now) {
                counts[e[0]]--;
                break;
            }
        }
        return counts;
    }

    /** Units by descending sensitivity, then descending outgoing norm, then index. */
    private static int[] ranking(double[] s, double[] norms) {
        Integer[] units = new Integer[s.length];
        for (int j = 0; j < s.length; j++) {
            units[j] = j;
        }
        java.util.Arrays.sort(units, Comparator.<Integer>comparingDouble(j -> -s[j])
                .thenComparingDouble(j -> -norms[j]).thenComparingInt(j -> j));
        return java.util.Arrays.stream(units).mapToInt(Integer::intValue).toArray();
    }
}
