package org.parsimony.pruning.io;

import java.nio.file.Path;

/**
 * A model file that cannot be read as a network: missing, truncated, corrupt, of another format or version,
 * or inconsistent with its description. The message names the file and the problem.
 */
public final class ModelFileException extends IllegalArgumentException {
    private final transient Path file;

    /** A problem with {@code file}, described by {@code problem}. */
    public ModelFileException(Path file, String problem) {
        this(file, problem, null);
    }

    /** A problem with {@code file} caused by {@code cause}. */
    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
