package org.parsimony.pruning.policy;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.criteria.CriterionContext;
import org.parsimony.pruning.criteria.PruningCriterion;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.pruning.surgery.WeightMask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Unstructured pruning: masks a fraction {@code r} of the weights (all layers, output layer included; biases
 * are never masked), lowest criterion scores first. {@link RatioScope#GLOBAL} masks {@code round(r N)} of
 * the {@code N} weights ranked together; {@link RatioScope#LAYER_WISE} masks {@code round(r N_l)} of each
 * layer's {@code N_l}. Every layer keeps at least one weight. Weights already masked by a previous round
 * stay masked and count towards the target, which makes iterative schedules cumulative. Ties are broken
 * by layer, then row-major position (lower masked first).
 */
public final class WeightRatioPolicy {
    private final PruningCriterion criterion;
    private final double ratio;
    private final RatioScope scope;

    /** @throws IllegalArgumentException if {@code ratio} is outside [0, 1] */
    public WeightRatioPolicy(PruningCriterion criterion, double ratio, RatioScope scope) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("pruning ratio must be in [0, 1], got " + ratio);
        }
        this.criterion = java.util.Objects.requireNonNull(criterion, "criterion");
        this.scope = java.util.Objects.requireNonNull(scope, "scope");
        this.ratio = ratio;
    }

    /** A short description for result files. */
    public String description() {
        return "weight-ratio=" + ratio + " " + scope.name().toLowerCase(java.util.Locale.ROOT) + " " + criterion.name();
    }

    /** {@link #select(PosteriorStatistics, WeightMask)} starting from nothing masked. */
    public WeightMask select(PosteriorStatistics statistics) {
        return select(statistics, WeightMask.dense(statistics.widths()));
    }

    /** {@link #select(CriterionContext, WeightMask)} from statistics alone. */
    public WeightMask select(PosteriorStatistics statistics, WeightMask current) {
        return select(CriterionContext.of(statistics), current);
    }

    /**
     * @param context the network as it is now, its statistics and (for data-informed criteria) a batch
     * @param current weights already masked (kept masked)
     * @return the mask after this round
     * @throws IllegalArgumentException if the mask does not fit the statistics or a score is NaN
     */
    public WeightMask select(CriterionContext context, WeightMask current) {
        PosteriorStatistics statistics = context.statistics();
        current.requireFits(statistics.widths());
        List<INDArray> scoreArrays = criterion.weightScores(context);
        int layers = statistics.layerCount();
        double[][] scores = new double[layers][];
        float[][] keep = new float[layers][];
        for (int l = 0; l < layers; l++) {
            INDArray s = scoreArrays.get(l);
            if (!Arrays.equals(s.shape(), new long[] {statistics.layer(l).inputs(), statistics.layer(l).units()})) {
                throw new IllegalArgumentException("criterion " + criterion.name() + " gave weight scores of shape "
                        + Arrays.toString(s.shape()) + " for layer " + l);
            }
            scores[l] = s.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            keep[l] = current.weightKeep(l).dup('c').data().asFloat();
            for (double v : scores[l]) {
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("criterion " + criterion.name() + " gave a NaN weight score in layer " + l);
                }
            }
        }
        if (scope == RatioScope.LAYER_WISE) {
            for (int l = 0; l < layers; l++) {
                pruneLowest(scores, keep, l, Math.round(ratio * scores[l].length));
            }
        } else {
            long total = Arrays.stream(scores).mapToLong(s -> s.length).sum();
            pruneLowest(scores, keep, -1, Math.round(ratio * total));
        }
        List<INDArray> masks = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            masks.add(Nd4j.create(keep[l], new long[] {statistics.layer(l).inputs(), statistics.layer(l).units()}, 'c'));
        }
        List<INDArray> biases = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            biases.add(current.biasKeep(l));
        }
        return new WeightMask(masks, biases);
    }

    /** Masks the lowest-scored kept weights of layer {@code only} (all layers for -1) until {@code target} are masked. */
    private static void pruneLowest(double[][] scores, float[][] keep, int only, long target) {
        List<long[]> candidates = new ArrayList<>();
        long masked = 0;
        int[] remaining = new int[keep.length];
        for (int l = 0; l < keep.length; l++) {
            for (int i = 0; i < keep[l].length; i++) {
                if (keep[l][i] != 0) {
                    remaining[l]++;
                }
            }
            if (only >= 0 && l != only) {
                continue;
            }
            for (int i = 0; i < keep[l].length; i++) {
                if (keep[l][i] == 0) {
                    masked++;
                } else {
                    candidates.add(new long[] {l, i});
                }
            }
        }
        candidates.sort((a, b) -> {
            int c = Double.compare(scores[(int) a[0]][(int) a[1]], scores[(int) b[0]][(int) b[1]]);
            return c != 0 ? c : Arrays.compare(a, b);
        });
        for (long[] weight : candidates) {
            if (masked >= target) {
                break;
            }
            int l = (int) weight[0];
            if (remaining[l] > 1) {
                keep[l][(int) weight[1]] = 0;
                remaining[l]--;
                masked++;
            }
        }
    }
}
