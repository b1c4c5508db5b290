package org.parsimony.variational.network;

/**
 * The fields of one layer in a saved model's description, as a {@link LayerType} reads them back: each accessor fails
 * with an error that names the file and the field when it is missing or malformed.
 */
public interface LayerFields {
    /** The text of {@code field}. */
    String text(String field);

    /** The positive integer {@code field}. */
    int positiveInt(String field);

    /** The boolean {@code field}. */
    boolean flag(String field);

    /** Whether the description has {@code field}. */
    boolean has(String field);

    /** The positive integer {@code field}, or {@code absent} when the description has none. */
    default int optionalInt(String field, int absent) {
        return has(field) ? positiveInt(field) : absent;
    }

    /** The boolean {@code field}, {@code false} when the description has none. */
    default boolean optionalFlag(String field) {
        return has(field) && flag(field);
    }

    /** An error about this layer's description, naming the file. */
    RuntimeException error(String message);
}
