package org.parsimony.variational.data;

import java.nio.file.Path;

/** A data file is missing, unreadable or not what it claims to be; the message names the file and the problem. */
public final class DataFileException extends RuntimeException {
    public DataFileException(String file, String problem) {
        super(file + ": " + problem);
    }

    public DataFileException(Path file, String problem) {
        this(file.toString(), problem);
    }

    public DataFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
