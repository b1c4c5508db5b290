package org.parsimony.pruning.criteria;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.pruning.statistics.PosteriorStatistics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random baseline: independent {@code U(0, 1)} scores, so a ratio policy prunes a uniformly random
 * subset. Seeded: the same seed and the same widths give the same scores (unit scores from
 * {@code SplittableRandom(seed)}, weight scores from {@code SplittableRandom(seed).split()}, drawn layer by
 * layer, row-major); the statistics' values are ignored.
 */
public final class RandomCriterion implements PruningCriterion {

    /** Registered as {@code random} ({@link PruningCriteria}). */
    public static final CriterionType TYPE = CriterionType.of("random",
            "uniformly random scores, seeded", RandomCriterion::new).ranked(3);

    private final long seed;

    /** Scores drawn from generators seeded with {@code seed}. */
    public RandomCriterion(long seed) {
        this.seed = seed;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public List<double[]> unitScores(CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> scores = new ArrayList<>();
        for (int l = 0; l < statistics.hiddenLayerCount(); l++) {
            scores.add(random.doubles(statistics.layer(l).units()).toArray());
        }
        return scores;
    }

    @Override
    public List<INDArray> weightScores(CriterionContext context) {
        PosteriorStatistics statistics = context.statistics();
        SplittableRandom random = new SplittableRandom(seed).split();
        List<INDArray> scores = new ArrayList<>();
        for (int l = 0; l < statistics.layerCount(); l++) {
            int rows = statistics.layer(l).inputs();
            int columns = statistics.layer(l).units();
            scores.add(Nd4j.create(random.doubles((long) rows * columns).toArray(), new long[] {rows, columns}, 'c'));
        }
        return scores;
    }
}
