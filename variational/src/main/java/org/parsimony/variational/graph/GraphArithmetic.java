package org.parsimony.variational.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.parsimony.priors.Elementwise;

/**
 * {@link Elementwise} on the variables of a SameDiff graph: each operation adds its node to the graph, so the KL terms
 * the priors write once ({@link org.parsimony.priors.GatedUnitKl}) become part of {@link ElboGraph}, which
 * differentiates them. {@link #xLogRatio} has no {@code 0 log 0} branch: callers pass a clipped {@code u}.
 */
final class GraphArithmetic implements Elementwise<SDVariable> {
    private final SameDiff sd;
    private final DataType dataType;

    GraphArithmetic(SameDiff sd, DataType dataType) {
        this.sd = sd;
        this.dataType = dataType;
    }

    @Override
    public SDVariable add(SDVariable a, SDVariable b) {
        return a.add(b);
    }

    @Override
    public SDVariable subtract(SDVariable a, SDVariable b) {
        return a.sub(b);
    }

    @Override
    public SDVariable multiply(SDVariable a, SDVariable b) {
        return a.mul(b);
    }

    @Override
    public SDVariable divide(SDVariable a, SDVariable b) {
        return a.div(b);
    }

    @Override
    public SDVariable times(SDVariable a, double c) {
        return a.mul(c);
    }

    @Override
    public SDVariable minus(SDVariable a, double c) {
        return a.sub(c);
    }

    @Override
    public SDVariable oneMinus(SDVariable a) {
        return a.rsub(1.0);
    }

    @Override
    public SDVariable negate(SDVariable a) {
        return a.neg();
    }

    @Override
    public SDVariable log(SDVariable a) {
        return sd.math().log(a);
    }

    @Override
    public SDVariable constant(double c) {
        return sd.constant(org.nd4j.linalg.factory.Nd4j.scalar(dataType, c));
    }

    @Override
    public SDVariable xLogRatio(SDVariable x, SDVariable u, SDVariable v) {
        return x.mul(sd.math().log(u.div(v)));
    }
}
