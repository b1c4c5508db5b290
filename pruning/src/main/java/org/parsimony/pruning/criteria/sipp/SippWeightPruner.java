package org.parsimony.pruning.criteria.sipp;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.surgery.WeightMask;
import org.parsimony.variational.network.DeterministicMlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Unstructured SiPP to a weight budget (Baykal et al., arXiv 1910.05422; reference code torchprune,
 * {@code SiPPNetHybrid} and {@code SiPPNetRand}): prunes a fraction {@code r} of all weights (output layer
 * included, biases never, as {@link org.parsimony.pruning.policy.WeightRatioPolicy}) and <em>reweights</em> the
 * sampled ones, so the result is a {@link WeightMask} together with a new network.
 *
 * <p><b>Groups.</b> The positive and the negative incoming weights of every unit form separate groups
 * {@code f}, each with sensitivities {@code s_j} ({@link EmpiricalSensitivity}) and total {@code S_f}.
 *
 * <p><b>Allocation</b> (as torchprune's {@code SiPPRandAllocator}). A budget of {@code B} samples is split
 * over the groups with {@code S_f > 0} by minimising {@code sum_f eps_rand(m_f) / n_{l(f)}} (the mean error
 * bound per unit, summed over layers) subject to {@code sum_f m_f <= B} and {@code 0 <= m_f <= } the number of
 * weights of the group with positive sensitivity; then {@code m_f} is rounded up (so every such group keeps at
 * least one weight). See {@link SamplingErrorBound} for {@code eps_rand}, {@code eps_det} and the solver.
 *
 * <p><b>Sparsification per group</b>, with {@code m = m_f}:
 * <ul>
 *   <li>{@code m} covers every weight with positive sensitivity: they are all kept, unchanged;</li>
 *   <li>{@link Mode#HYBRID} (default; torchprune's {@code SiPPHybridAllocator}): if
 *       {@code eps_det(m) <= eps_rand(m)}, the {@code m} most sensitive weights are kept unchanged. This is the
 *       paper's rule "whichever needs fewer weights for the same error bound": the deterministic choice needs
 *       at most {@code m} weights to reach {@code eps_rand(m)} exactly when {@code eps_det(m) <= eps_rand(m)};
 *       unlike the rule read literally it then keeps all {@code m} allocated weights, as torchprune does;</li>
 *   <li>otherwise (and always in {@link Mode#SAMPLING}): importance sampling with {@code p_j = s_j / S_f},
 *       {@code N} draws with replacement, {@code N} the smallest number whose expected number of distinct
 *       weights reaches {@code m} (torchprune's {@code adapt_sample_size}); weight {@code j} drawn
 *       {@code count_j > 0} times is kept as {@code w_j count_j / (N p_j)}, the others are pruned.</li>
 * </ul>
 * Weights whose sensitivity is 0 (their input was 0 on every point of {@code S}, or their group never
 * contributed) are pruned, like groups with {@code S_f = 0}.
 *
 * <p><b>Budget to target.</b> The budget {@code B} is found by bisection, as torchprune searches its budget
 * for the keep ratio: the largest {@code B} whose sparsification keeps at most the target ({@code N_w - round(r N_w)}
 * for a ratio, or any count given to {@link #pruneToWeights}), then topped up with the most sensitive weights it
 * pruned, unchanged, so that exactly the target is kept (torchprune misses it by what one budget step adds). The
 * count cannot go below one weight per group with {@code S_f > 0}; {@link SippWeightPruning#keptWeights()} is the
 * honest count. A target above the number of weights with positive sensitivity keeps all of those unchanged plus
 * the largest-magnitude zero-sensitivity weights (an extension, so that {@code r = 0} returns the network
 * unchanged).
 *
 * <p><b>Simplifications</b> against the paper: dense layers only; a single batch {@code S} for all layers
 * (the paper's theory uses fresh points per layer and a union bound); the group error bounds are compared, not
 * the network-level error guarantee; the number of draws {@code N} of a group is capped at 64 per weight with
 * positive sensitivity (runtime; it binds only when {@code m} nearly covers a group with tiny {@code p_j}, and
 * then fewer distinct weights are kept); sampling is seeded and reproducible.
 */
public final class SippWeightPruner {

    /** How each group is sparsified. */
    public enum Mode {
        /** Deterministic top-sensitivity selection or importance sampling, whichever bound is smaller. */
        HYBRID,
        /** Always importance sampling (torchprune's {@code SiPPNetRand}). */
        SAMPLING
    }

    private final DeterministicMlp network;
    private final EmpiricalSensitivity sensitivity;
    private final double failureProbability;
    private final double constant;
    private final Mode mode;
    private final List<Group> groups;
    private final long sensitiveWeights;
    private final long totalWeights;
    private final SamplingErrorBound bound;
    /** Groups with {@code S_f > 0}, and per such group {@code c_f}, its objective weight and its upper bound. */
    private final List<Group> valid;
    private final double[] coefficient;
    private final double[] objectiveWeight;
    private final double[] upperBound;

    /** Hybrid SiPP with {@code delta = 1e-16}, {@code C = 3} on the sensitivities of {@code network} over {@code batch}. */
    public SippWeightPruner(DeterministicMlp network, INDArray batch) {
        this(network, EmpiricalSensitivity.of(network, batch));
    }

    /**
     * Hybrid SiPP with {@code delta = 1e-16}, {@code C = 3}.
     *
     * @throws IllegalArgumentException if the sensitivities describe other widths than the network
     */
    public SippWeightPruner(DeterministicMlp network, EmpiricalSensitivity sensitivity) {
        this(network, sensitivity, 1e-16, 3, Mode.HYBRID);
    }

    private SippWeightPruner(DeterministicMlp network, EmpiricalSensitivity sensitivity, double failureProbability,
                             double constant, Mode mode) {
        if (!(failureProbability > 0 && failureProbability < 1)) {
            throw new IllegalArgumentException("failure probability delta must be in (0, 1), got " + failureProbability);
        }
        if (!(constant > 0) || Double.isInfinite(constant)) {
            throw new IllegalArgumentException("the constant C must be positive and finite, got " + constant);
        }
        sensitivity.requireWidths(network.widths(), "the network");
        this.network = network;
        this.sensitivity = sensitivity;
        this.failureProbability = failureProbability;
        this.constant = constant;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.groups = buildGroups(network, sensitivity);
        this.sensitiveWeights = groups.stream().mapToLong(g -> g.positive).sum();
        this.totalWeights = network.complexity().multiplyAdds();
        this.bound = new SamplingErrorBound(failureProbability, constant);
        this.valid = groups.stream().filter(g -> g.total > 0).toList();
        this.coefficient = new double[valid.size()];
        this.objectiveWeight = new double[valid.size()];
        this.upperBound = new double[valid.size()];
        int[] widths = network.widths();
        for (int f = 0; f < coefficient.length; f++) {
            Group g = valid.get(f);
            coefficient[f] = bound.coefficient(g.total);
            objectiveWeight[f] = 1.0 / widths[g.layer + 1];
            upperBound[f] = g.positive;
        }
    }

    /** The same pruner with failure probability {@code delta} in (0, 1) in the sampling bound. */
    public SippWeightPruner withFailureProbability(double delta) {
        return new SippWeightPruner(network, sensitivity, delta, constant, mode);
    }

    /** The same pruner with constant {@code C > 0}. */
    public SippWeightPruner withConstant(double c) {
        return new SippWeightPruner(network, sensitivity, failureProbability, c, mode);
    }

    /** The same pruner in another mode. */
    public SippWeightPruner withMode(Mode value) {
        return new SippWeightPruner(network, sensitivity, failureProbability, constant, value);
    }

    /** A short description for result files. */
    public String description() {
        return "sipp-" + mode.name().toLowerCase(java.util.Locale.ROOT) + " delta=" + failureProbability + " C=" + constant;
    }

    /**
     * Prunes a fraction {@code ratio} of the weights: {@link #pruneToWeights} with {@code N_w - round(r N_w)} kept.
     *
     * @param seed seeds the importance sampling; the same seed gives the same result
     * @throws IllegalArgumentException if {@code ratio} is outside [0, 1]
     */
    public SippWeightPruning prune(double ratio, long seed) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("pruning ratio must be in [0, 1], got " + ratio);
        }
        return pruneToWeights(totalWeights - Math.round(ratio * totalWeights), seed);
    }

    /**
     * Keeps {@code target} weights: the largest sample budget whose sparsification keeps at most {@code target}
     * (bisection), topped up with the most sensitive weights it pruned in the groups it did not sample (unchanged,
     * factor 1) until exactly {@code target} are kept. The top-up is ours: torchprune stops at the budget and misses
     * the target by the weights one budget step adds. The floor of one weight per group with {@code S_f > 0} can keep
     * more; fewer only if the groups kept by their most sensitive weights have no pruned weight left (then the next
     * budget's count, above the target, is taken if it is closer).
     *
     * @param target weights to keep
     * @param seed   seeds the importance sampling; the same seed gives the same result
     * @throws IllegalArgumentException if {@code target} is negative or more than the network's weights
     */
    public SippWeightPruning pruneToWeights(long target, long seed) {
        if (target < 0 || target > totalWeights) {
            throw new IllegalArgumentException("weights to keep must be in [0, " + totalWeights + "], got " + target);
        }
        if (target >= sensitiveWeights) {
            return materialize(fillBeyondSensitive(target), -1);
        }
        long lo = 0;
        long hi = sensitiveWeights;
        Sparsification atLo = sparsify(lo, seed);
        if (atLo.kept >= target) {
            return materialize(atLo, lo);
        }
        Sparsification atHi = sparsify(hi, seed);
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            Sparsification atMid = sparsify(mid, seed);
            if (atMid.kept >= target) {
                hi = mid;
                atHi = atMid;
            } else {
                lo = mid;
                atLo = atMid;
            }
        }
        if (atHi.kept == target) {
            return materialize(atHi, hi);
        }
        topUp(atLo, target);
        boolean takeHi = atHi.kept - target < target - atLo.kept;
        return materialize(takeHi ? atHi : atLo, takeHi ? hi : lo);
    }

    /**
     * Keeps pruned weights of {@code s} outside the sampled groups (whose reweighted sample carries the group's whole
     * sensitivity mass, which an added weight would break), most sensitive first (then largest magnitude, layer,
     * position), up to {@code target}.
     */
    private void topUp(Sparsification s, long target) {
        List<long[]> pruned = new ArrayList<>();
        List<double[]> keys = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            double[] w = network.weight(l).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[][] sens = sensitivity.weightSensitivityView(l);
            int units = network.widths()[l + 1];
            for (int k = 0; k < w.length; k++) {
                if (s.factor[l][k] == 0 && w[k] != 0 && !s.sampled[l][k]) {
                    pruned.add(new long[] {l, k, keys.size()});
                    keys.add(new double[] {sens[k / units][k % units], Math.abs(w[k])});
                }
            }
        }
        pruned.sort(Comparator.<long[]>comparingDouble(e -> -keys.get((int) e[2])[0])
                .thenComparingDouble(e -> -keys.get((int) e[2])[1])
                .thenComparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        for (long[] e : pruned) {
            if (s.kept >= target) {
                break;
            }
            s.factor[(int) e[0]][(int) e[1]] = 1;
            s.kept++;
        }
    }

    /** The factor each weight is multiplied by (0 = pruned) for sample budget {@code budget}. */
    private Sparsification sparsify(long budget, long seed) {
        double[] m = SamplingErrorBound.allocate(coefficient, objectiveWeight, upperBound, budget);
        Sparsification result = new Sparsification(network.widths());
        SplittableRandom random = new SplittableRandom(seed);
        for (int f = 0; f < m.length; f++) {
            Group g = valid.get(f);
            int samples = (int) Math.min(g.positive, Math.max(1, Math.ceil(m[f] - 1e-9)));
            if (samples >= g.positive) {
                result.keepTop(g, g.positive);
                result.deterministicGroups++;
                continue;
            }
            if (mode == Mode.HYBRID) {
                double dropped = g.total - g.prefix[samples];
                if (bound.deterministic(dropped) <= SamplingErrorBound.sampling(coefficient[f], samples)) {
                    result.keepTop(g, samples);
                    result.deterministicGroups++;
                    continue;
                }
            }
            result.sample(g, samples, random);
            result.sampledGroups++;
        }
        return result;
    }

    /** Every weight with positive sensitivity unchanged, plus the largest zero-sensitivity weights up to {@code target}. */
    private Sparsification fillBeyondSensitive(long target) {
        Sparsification result = new Sparsification(network.widths());
        for (Group g : groups) {
            result.keepTop(g, g.positive);
            result.deterministicGroups++;
        }
        List<long[]> rest = new ArrayList<>();
        List<Double> magnitude = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            double[] w = network.weight(l).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            for (int k = 0; k < w.length; k++) {
                if (result.factor[l][k] == 0) {
                    rest.add(new long[] {l, k, rest.size()});
                    magnitude.add(Math.abs(w[k]));
                }
            }
        }
        rest.sort(Comparator.<long[]>comparingDouble(e -> -magnitude.get((int) e[2]))
                .thenComparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        for (long[] e : rest) {
            if (result.kept >= target) {
                break;
            }
            result.factor[(int) e[0]][(int) e[1]] = 1;
            result.kept++;
        }
        return result;
    }

    private SippWeightPruning materialize(Sparsification s, long budget) {
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        List<INDArray> keep = new ArrayList<>();
        int[] widths = network.widths();
        for (int l = 0; l < network.layerCount(); l++) {
            double[] w = network.weight(l).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            float[] mask = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                w[k] *= s.factor[l][k];
                mask[k] = s.factor[l][k] == 0 ? 0f : 1f;
            }
            long[] shape = {widths[l], widths[l + 1]};
            weights.add(Nd4j.create(w, shape, 'c').castTo(DataType.FLOAT));
            biases.add(network.bias(l));
            keep.add(Nd4j.create(mask, shape, 'c'));
        }
        return new SippWeightPruning(new DeterministicMlp(weights, biases), WeightMask.forWeights(keep), s.kept,
                totalWeights, budget, s.deterministicGroups, s.sampledGroups);
    }

    /** The positive or negative nonzero weights into one unit, most sensitive first. */
    private static final class Group {
        final int layer;
        final int unit;
        final int[] inputs;
        final double[] sensitivity;
        final double[] prefix;
        final int positive;
        final double total;

        Group(int layer, int unit, int[] inputs, double[] sensitivity) {
            this.layer = layer;
            this.unit = unit;
            this.inputs = inputs;
            this.sensitivity = sensitivity;
            this.prefix = new double[inputs.length + 1];
            int count = 0;
            for (int k = 0; k < inputs.length; k++) {
                prefix[k + 1] = prefix[k] + sensitivity[k];
                if (sensitivity[k] > 0) {
                    count++;
                }
            }
            this.positive = count;
            this.total = prefix[inputs.length];
        }
    }

    private static List<Group> buildGroups(DeterministicMlp network, EmpiricalSensitivity sensitivity) {
        List<Group> groups = new ArrayList<>();
        for (int l = 0; l < network.layerCount(); l++) {
            double[][] w = network.weight(l).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] s = sensitivity.weightSensitivityView(l);
            for (int i = 0; i < w[0].length; i++) {
                for (int sign : new int[] {1, -1}) {
                    List<Integer> members = new ArrayList<>();
                    for (int j = 0; j < w.length; j++) {
                        if (Math.signum(w[j][i]) == sign) {
                            members.add(j);
                        }
                    }
                    if (members.isEmpty()) {
                        continue;
                    }
                    final int unit = i;
                    members.sort(Comparator.<Integer>comparingDouble(j -> -s[j][unit])
                            .thenComparingDouble(j -> -Math.abs(w[j][unit])).thenComparingInt(j -> j));
                    int[] inputs = members.stream().mapToInt(Integer::intValue).toArray();
                    double[] sens = Arrays.stream(inputs).mapToDouble(j -> s[j][unit]).toArray();
                    groups.add(new Group(l, i, inputs, sens));
                }
            }
        }
        return groups;
    }

    /** Per layer, row-major, the factor of every weight (0 = pruned), with counts. */
    private static final class Sparsification {
        final double[][] factor;
        /** Whether a weight belongs to a group sparsified by importance sampling. */
        final boolean[][] sampled;
        final int[] units;
        long kept;
        int deterministicGroups;
        int sampledGroups;

        Sparsification(int[] widths) {
            factor = new double[widths.length - 1][];
            sampled = new boolean[widths.length - 1][];
            units = new int[widths.length - 1];
            for (int l = 0; l < factor.length; l++) {
                factor[l] = new double[widths[l] * widths[l + 1]];
                sampled[l] = new boolean[factor[l].length];
                units[l] = widths[l + 1];
            }
        }

        void keepTop(Group g, int count) {
            for (int k = 0; k < count; k++) {
                factor[g.layer][g.inputs[k] * units[g.layer] + g.unit] = 1;
            }
            kept += count;
        }

        void sample(Group g, int distinct, SplittableRandom random) {
            double[] p = new double[g.positive];
            for (int k = 0; k < p.length; k++) {
                p[k] = g.sensitivity[k] / g.total;
            }
            long draws = ImportanceSampling.drawsForDistinct(p, distinct);
            int[] counts = ImportanceSampling.counts(p, draws, random);
            for (int k = 0; k < g.inputs.length; k++) {
                sampled[g.layer][g.inputs[k] * units[g.layer] + g.unit] = true;
            }
            for (int k = 0; k < p.length; k++) {
                if (counts[k] > 0) {
                    factor[g.layer][g.inputs[k] * units[g.layer] + g.unit] = counts[k] / (draws * p[k]);
                    kept++;
                }
            }
        }
    }
}
