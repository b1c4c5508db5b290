package org.parsimony.pruning.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/** The damage every model-file test does to a saved graph file: one flipped byte, then a truncation. */
final class GraphFileDamage {
    private GraphFileDamage() {
    }

    /**
     * Writes a copy of {@code graph} with one byte flipped, then one cut short, to {@code file}, asks
     * {@code expectRefusal} to check each is refused as "corrupt", and restores the intact bytes.
     */
    static void flipAndTruncate(Path file, byte[] graph, Consumer<String> expectRefusal) throws IOException {
        byte[] flipped = graph.clone();
        flipped[flipped.length / 3] ^= 0x5A;
        Files.write(file, flipped);
        expectRefusal.accept("corrupt");
        Files.write(file, Arrays.copyOf(graph, graph.length - 7));
        expectRefusal.accept("corrupt");
        Files.write(file, graph);
    }
}
