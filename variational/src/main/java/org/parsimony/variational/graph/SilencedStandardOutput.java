package org.parsimony.variational.graph;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Runs an action with {@code System.out} discarded. SameDiff 1.0.0-M2.1 prints one
 * "Added differentiated op" line per op with {@code System.out.println} (not a logger) whenever it
 * builds a gradient function; a trainer that rebuilds its graph as units are removed would otherwise
 * flood the console. Synchronized so that concurrent graph builds do not restore the wrong stream.
 */
final class SilencedStandardOutput {
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private SilencedStandardOutput() {
    }

    static synchronized <T> T call(Supplier<T> action) {
        PrintStream original = System.out;
        System.setOut(DISCARD);
        try {
            return action.get();
        } finally {
            System.setOut(original);
        }
    }
}
