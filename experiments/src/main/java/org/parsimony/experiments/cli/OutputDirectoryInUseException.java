package org.parsimony.experiments.cli;

import java.nio.file.Path;

/** Another process holds an output directory ({@link OutputDirectoryLock}); the message names it by pid. */
final class OutputDirectoryInUseException extends IllegalStateException {
    OutputDirectoryInUseException(Path directory, String holders, Path lockFile) {
        super("output directory " + directory + " is in use by " + holders + " (lock " + lockFile
                + "); wait for it to finish or choose another --out");
    }
}
