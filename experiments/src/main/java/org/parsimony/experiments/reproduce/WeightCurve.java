package org.parsimony.experiments.reproduce;

import org.parsimony.pruning.evaluation.CurvePoint;

import java.util.List;

/**
 * One method's pruning curve on one seed's network.
 *
 * @param seed           the seed of the run
 * @param method         the method's name
 * @param denseAccuracy  test accuracy of the network the method pruned
 * @param points         one point per ratio, in grid order
 */
public record WeightCurve(long seed, String method, double denseAccuracy, List<CurvePoint> points) {

    /** Copies. */
    public WeightCurve {
        points = List.copyOf(points);
    }
}
