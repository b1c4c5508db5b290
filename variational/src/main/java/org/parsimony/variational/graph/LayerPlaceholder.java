package org.parsimony.variational.graph;

/**
 * The per-layer placeholders of the {@link ElboGraph}: noise and prior scalars fed from Java on every evaluation.
 * Their names are made here alone, for the graph that declares them and the {@link ElboInputs} that fill them.
 */
enum LayerPlaceholder {
    /** {@code eps ~ N(0, 1)} of the local reparameterization. */
    GAUSSIAN_NOISE("eps"),
    /** {@code u ~ U(0, 1)} of the gate samples. */
    UNIFORM_NOISE("u"),
    /** The straight-through estimator's {@code b - theta}. */
    GATE_SHIFT("gateShift"),
    /** The slab variance {@code s1^2}. */
    SLAB_VARIANCE("slabVariance"),
    /** The prior inclusion probability {@code lambda}. */
    INCLUSION("inclusion"),
    /** The spike variance {@code s0^2}. */
    SPIKE_VARIANCE("spikeVariance");

    private final String prefix;

    LayerPlaceholder(String prefix) {
        this.prefix = prefix;
    }

    /** The placeholder's name in layer {@code layer}: {@code eps0}, {@code u1}, ... */
    String of(int layer) {
        return prefix + layer;
    }
}
