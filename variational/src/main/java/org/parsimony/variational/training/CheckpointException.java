package org.parsimony.variational.training;

import java.nio.file.Path;

/** A checkpoint file that is missing, truncated, corrupt, foreign or written by a run with other settings. */
public final class CheckpointException extends IllegalArgumentException {
    private final transient Path file;

    public CheckpointException(Path file, String problem) {
        super("checkpoint " + file + ": " + problem);
        this.file = file;
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super("checkpoint " + file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
