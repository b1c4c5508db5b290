package org.parsimony.pruning.policy;

import java.util.function.DoubleFunction;

/** A {@link WeightPruningMethod} given by its name and what it does at each ratio. */
record NamedWeightPruning(String name, DoubleFunction<WeightPruningMethod.Pruned> pruning) implements WeightPruningMethod {
    @Override
    public Pruned prune(double ratio) {
        return pruning.apply(ratio);
    }
}
