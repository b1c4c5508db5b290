package org.parsimony.experiments.cli;

import org.parsimony.variational.io.AtomicFileWriter;
import org.parsimony.variational.io.IoCause;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The results file of an output directory as its commit marker: present only when the files it describes (the model)
 * are complete and belong to it. Writing withdraws the previous results file, writes the other files (each atomically),
 * then the results file (atomically), so a failure on the way (disk full, a kill) leaves no results file rather than
 * one that describes a missing model or another run's.
 */
final class ResultsMarker {
    private ResultsMarker() {
    }

    /**
     * Deletes {@code results}, runs {@code artifacts}, then writes {@code content} to {@code results}.
     *
     * @throws UncheckedIOException naming the file that could not be deleted or written (then {@code results} is absent)
     */
    static void write(Path results, String content, Runnable artifacts) {
        try {
            Files.deleteIfExists(results);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + results.toAbsolutePath() + ": " + IoCause.of(e), e);
        }
        artifacts.run();
        AtomicFileWriter.write(results, content);
    }
}
