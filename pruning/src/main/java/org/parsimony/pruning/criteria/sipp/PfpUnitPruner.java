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
 * is shared by all layers, found by bisection so that {@code sum_l k_l} comes closest to the target
 * {@code H - round(r H)} ({@code H} hidden units; ties: fewer kept).
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
 * {@link org.parsimony.pruning.policy.UnitRatioPolicy}); the target counts units, not parameters (torchprune
 * searches for a parameter count); no hybrid split between kept-for-sure and sampled units
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
     * Removes a fraction {@code ratio} of the hidden units.
     *
     * @param seed seeds the sampling ({@link Mode#SAMPLING}); the same seed gives the same result
     * @throws IllegalArgumentException if {@code ratio} is outside [0, 1]
     */
    public PfpUnitPruning prune(double ratio, long seed) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("pruning ratio must be in [0, 1], got " + ratio);
        }
        int[] widths = network.widths();
        int hidden = widths.length - 2;
        int total = 0;
        int sensitive = 0;
        List<double[]> probabilities = new ArrayList<>();
        double[] sums = new double[hidden];
        int[] positive = new int[hidden];
        List<int[]> order = new ArrayList<>();
        List<double[]> norms = new ArrayList<>();
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
        long target = Math.max(hidden, total - Math.round(ratio * total));
        int[] counts;
        double epsilon = Double.NaN;
        if (target >= sensitive) {
            counts = fillBeyondSensitive(positive, order, norms, target);
        } else {
            double factor = 2 * constant * Math.log(8 * 2 / failureProbability);
            double lo = Math.log(1e-12);
            double hi = Math.log(1e12);
            int[] best = null;
            double bestEps = Double.NaN;
            long bestMiss = Long.MAX_VALUE;
            for (int it = 0; it < 100; it++) {
                double mid = 0.5 * (lo + hi);
                int[] k = allocation(Math.exp(mid), factor, sums, positive, probabilities);
                long kept = java.util.Arrays.stream(k).asLongStream().sum();
                long miss = kept >= target ? 2 * (kept - target) : 2 * (target - kept) - 1;
                if (miss < bestMiss) {
                    bestMiss = miss;
                    best = k;
                    bestEps = Math.exp(mid);
                }
                if (kept > target) {
                    lo = mid;
                } else if (kept < target) {
                    hi = mid;
                } else {
                    break;
                }
            }
            counts = best;
            epsilon = bestEps;
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
            int[] rank = order.get(l);
            if (mode == Mode.DETERMINISTIC || counts[l] >= positive[l] || target >= sensitive) {
                for (int k = 0; k < counts[l]; k++) {
                    flags[rank[k]] = true;
                }
            } else {
                double[] p = probabilities.get(l);
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
        return new PfpUnitPruning(pruned, kept, (int) kept.keptCount(), total, epsilon);
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
     * norm over all layers (ties: layer, rank), until {@code target}.
     */
    private static int[] fillBeyondSensitive(int[] positive, List<int[]> order, List<double[]> norms, long target) {
        int[] counts = new int[positive.length];
        long kept = 0;
        List<int[]> rest = new ArrayList<>();
        for (int l = 0; l < positive.length; l++) {
            counts[l] = Math.max(1, positive[l]);
            kept += counts[l];
            for (int k = counts[l]; k < order.get(l).length; k++) {
                rest.add(new int[] {l, k});
            }
        }
        rest.sort(Comparator.<int[]>comparingDouble(e -> -norms.get(e[0])[order.get(e[0])[e[1]]])
                .thenComparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        for (int[] e : rest) {
            if (kept >= target) {
                break;
            }
            counts[e[0]]++;
            kept++;
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
