package org.parsimony.experiments.cli;

import org.parsimony.variational.io.Checksums;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The SHA-256 of every file under a directory, to tell which files a command changed or deleted. */
record OutputSnapshot(Map<String, String> hashes) {

    static OutputSnapshot of(Path dir) {
        Map<String, String> hashes = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return new OutputSnapshot(hashes);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                hashes.put(dir.relativize(f).toString(), Checksums.sha256(Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OutputSnapshot(hashes);
    }

    /** The files of this snapshot that {@code later} holds with other content or not at all. */
    List<String> changedIn(OutputSnapshot later) {
        List<String> changed = new ArrayList<>();
        hashes.forEach((file, hash) -> {
            String now = later.hashes.get(file);
            if (now == null) {
                changed.add(file + " (deleted)");
            } else if (!now.equals(hash)) {
                changed.add(file + " (modified)");
            }
        });
        return changed;
    }
}
