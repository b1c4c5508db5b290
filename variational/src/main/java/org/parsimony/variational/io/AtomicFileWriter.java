package org.parsimony.variational.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a partial
 * write: the bytes go to a temporary file in the same directory, which is then renamed over the target.
 */
public final class AtomicFileWriter {
    private AtomicFileWriter() {
    }

    /** Temporary files are created owner-only; results are meant to be shared, so open them to reading. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the platform default
        }
    }

    /**
     * Deletes the temporary files that writers of {@code target} killed mid-write left next to it (a kill between
     * creating the temporary file and renaming it leaves one behind; the target itself is intact). Call it only when no
     * other writer of {@code target} is running, for example when a run resumes from its own directory.
     *
     * @return how many were deleted
     * @throws UncheckedIOException naming the directory if it cannot be listed or a leftover cannot be deleted
     */
    public static int removeLeftovers(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        String prefix = "." + absolute.getFileName();
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp") && Files.isRegularFile(file)) {
                    Files.delete(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove leftover temporary files of " + absolute + ": "
                    + IoCause.of(e), e);
        }
        return removed;
    }

    /** Writes {@code content} as UTF-8 to {@code target}, creating parent directories. */
    public static void write(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code target}, creating parent directories. */
    public static void write(Path target, byte[] bytes) {
        write(target, temp -> Files.write(temp, bytes));
    }

    /** Writes a file's content to the path it is given (the temporary file). */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    /**
     * Lets {@code content} write a temporary file next to {@code target} (streams, zip archives, libraries that
     * save to a {@code File}), then renames it over {@code target}; creates parent directories.
     *
     * @throws UncheckedIOException "cannot write TARGET: CAUSE" if anything fails; the target is then untouched
     */
    public static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
            try {
                content.writeTo(temp);
                readableByAll(temp);
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + absolute + ": " + IoCause.of(e), e);
        }
    }
}
