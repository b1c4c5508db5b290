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
     * @throws UncheckedIOException naming the target if anything fails; the target is then untouched
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
            throw new UncheckedIOException("could not write " + absolute + ": " + e.getMessage(), e);
        }
    }
}
