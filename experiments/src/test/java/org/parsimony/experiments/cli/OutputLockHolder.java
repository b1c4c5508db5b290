package org.parsimony.experiments.cli;

import java.io.IOException;

/**
 * A second process for {@link OutputDirectoryLockTest}: takes the output directory {@code args[0]} (shared, as the
 * writer {@code args[1]}, if given), prints {@code locked}, and holds it until its standard input closes (or it is
 * killed).
 */
public final class OutputLockHolder {
    private OutputLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (OutputDirectoryLock lock = args.length > 1 ? OutputDirectoryLock.shared(java.nio.file.Path.of(args[0]), args[1])
                : OutputDirectoryLock.exclusive(java.nio.file.Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our input
            }
        }
    }
}
