package org.parsimony.pruning.policy;

import org.parsimony.pruning.criteria.CriterionContext;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.KeptUnits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Prunes a fraction {@code r} of the hidden units, lowest criterion scores first.
 *
 * <p>Counts: with reference hidden widths {@code m_l} (by default the current widths {@code n_l}),
 * {@link RatioScope#LAYER_WISE} keeps {@code max(1, m_l - round(r m_l))} units of layer {@code l};
 * {@link RatioScope#GLOBAL} keeps {@code M - round(r M)} units in total ({@code M = sum_l m_l}), pruning the
 * lowest scores over all layers, but never the last unit of a layer (the next-lowest unit elsewhere is pruned
 * instead, so the total is exact unless it would leave fewer than one unit per layer). A layer already
 * smaller than its target keeps all its units. Ties are broken by layer, then unit index (lower pruned first).
 *
 * <p>Global rankings compare scores across layers; with {@code normalizePerLayer} each layer's scores are
 * first divided by their L2 norm over the layer (finite scores only), as in Molchanov et al., "Pruning
 * Convolutional Neural Networks for Resource Efficient Inference", ICLR 2017.
 */
public final class UnitRatioPolicy implements UnitPruningPolicy {
    private final PruningCriterion criterion;
    private final double ratio;
    private final RatioScope scope;
    private final boolean normalizePerLayer;

    /** Without per-layer normalisation. */
    public UnitRatioPolicy(PruningCriterion criterion, double ratio, RatioScope scope) {
        this(criterion, ratio, scope, false);
    }

    /**
     * @param ratio fraction of the reference hidden units to prune, in [0, 1]
     * @throws IllegalArgumentException if {@code ratio} is outside [0, 1]
     */
    public UnitRatioPolicy(PruningCriterion criterion, double ratio, RatioScope scope, boolean normalizePerLayer) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("pruning ratio must be in [0, 1], got " + ratio);
        }
        this.criterion = java.util.Objects.requireNonNull(criterion, "criterion");
        this.scope = java.util.Objects.requireNonNull(scope, "scope");
        this.ratio = ratio;
        this.normalizePerLayer = normalizePerLayer;
    }

    /** The fraction pruned. */
    public double ratio() {
        return ratio;
    }

    @Override
    public String description() {
        return "ratio=" + ratio + " " + scope.name().toLowerCase(java.util.Locale.ROOT)
                + (normalizePerLayer ? " normalised" : "") + " " + criterion.name();
    }

    @Override
    public KeptUnits select(CriterionContext context, int[] referenceHiddenWidths) {
        PosteriorStatistics statistics = context.statistics();
        int hidden = statistics.hiddenLayerCount();
        if (referenceHiddenWidths.length != hidden) {
            throw new IllegalArgumentException("need " + hidden + " reference widths, got "
                    + Arrays.toString(referenceHiddenWidths));
        }
        List<double[]> scores = UnitScoring.checked(criterion, context);
        if (normalizePerLayer) {
            scores.replaceAll(UnitRatioPolicy::normalized);
        }
        boolean[][] keep = new boolean[hidden][];
        for (int l = 0; l < hidden; l++) {
            keep[l] = new boolean[scores.get(l).length];
            Arrays.fill(keep[l], true);
        }
        if (scope == RatioScope.LAYER_WISE) {
            for (int l = 0; l < hidden; l++) {
                int current = keep[l].length;
                int target = Math.max(1, referenceHiddenWidths[l] - (int) Math.round(ratio * referenceHiddenWidths[l]));
                int prune = Math.max(0, current - target);
                for (int[] unit : ascending(scores, l)) {
                    if (prune == 0) {
                        break;
                    }
                    keep[l][unit[1]] = false;
                    prune--;
                }
            }
        } else {
            long reference = Arrays.stream(referenceHiddenWidths).asLongStream().sum();
            long current = scores.stream().mapToLong(s -> s.length).sum();
            long prune = Math.max(0, current - (reference - Math.round(ratio * reference)));
            int[] remaining = new int[hidden];
            for (int l = 0; l < hidden; l++) {
                remaining[l] = keep[l].length;
            }
            for (int[] unit : ascending(scores, -1)) {
                if (prune == 0) {
                    break;
                }
                if (remaining[unit[0]] > 1) {
                    keep[unit[0]][unit[1]] = false;
                    remaining[unit[0]]--;
                    prune--;
                }
            }
        }
        List<boolean[]> flags = new ArrayList<>(Arrays.asList(keep));
        return KeptUnits.fromFlags(flags);
    }

    /** {layer, unit} pairs of layer {@code only} (or all layers for -1), by ascending score, then layer, then unit. */
    private static List<int[]> ascending(List<double[]> scores, int only) {
        List<int[]> units = new ArrayList<>();
        for (int l = 0; l < scores.size(); l++) {
            if (only < 0 || l == only) {
                for (int j = 0; j < scores.get(l).length; j++) {
                    units.add(new int[] {l, j});
                }
            }
        }
        units.sort(Comparator.<int[]>comparingDouble(u -> scores.get(u[0])[u[1]])
                .thenComparingInt(u -> u[0]).thenComparingInt(u -> u[1]));
        return units;
    }

    private static double[] normalized(double[] scores) {
        double sumSquares = 0;
        for (double s : scores) {
            if (Double.isFinite(s)) {
                sumSquares += s * s;
            }
        }
        double norm = Math.sqrt(sumSquares);
        if (norm == 0 || !Double.isFinite(norm)) {
            return scores;
        }
        double[] out = new double[scores.length];
        for (int j = 0; j < scores.length; j++) {
            out[j] = scores[j] / norm;
        }
        return out;
    }
}
