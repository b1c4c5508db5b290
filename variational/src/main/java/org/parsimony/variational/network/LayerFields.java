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

    /** An error about this layer's description, naming the file. */
    RuntimeException error(String message);
}
