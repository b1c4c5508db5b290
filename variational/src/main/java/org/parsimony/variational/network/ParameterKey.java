package org.parsimony.variational.network;

import java.util.Objects;

/**
 * Addresses one array of a network: its layer and its {@link ParameterKind}. Optimizer moments, gradients and
 * checkpoints are keyed by it; the string a SameDiff graph or a checkpoint file needs is derived here alone
 * ({@link #graphName()}, read back by {@link #parse}).
 *
 * @param layer the layer's index, from 0
 * @param kind  which of the layer's arrays
 */
public record ParameterKey(int layer, ParameterKind kind) {
    /** @throws IllegalArgumentException if {@code layer < 0} or {@code kind} is null */
    public ParameterKey {
        if (layer < 0) {
            throw new IllegalArgumentException("layer index must be >= 0, got " + layer);
        }
        if (kind == null) {
            throw new IllegalArgumentException("parameter kind must not be null");
        }
    }

    /**
     * The name of the graph variable and of the checkpoint entry, the kind's prefix and the layer:
     * {@code weightMean0}, {@code gate1}, {@code batchNormScale0}.
     */
    public String graphName() {
        return kind.prefix() + layer;
    }

    /**
     * The key whose {@link #graphName()} is {@code name}.
     *
     * @throws IllegalArgumentException if no key has that name
     */
    public static ParameterKey parse(String name) {
        Objects.requireNonNull(name, "name");
        for (ParameterKind kind : ParameterKind.values()) {
            String rest = name.startsWith(kind.prefix()) ? name.substring(kind.prefix().length()) : "";
            if (!rest.isEmpty() && rest.length() < 10 && rest.chars().allMatch(Character::isDigit)
                    && (rest.length() == 1 || rest.charAt(0) != '0')) {
                return new ParameterKey(Integer.parseInt(rest), kind);
            }
        }
        throw new IllegalArgumentException("not a parameter name: \"" + name + "\"");
    }

    @Override
    public String toString() {
        return graphName();
    }
}
