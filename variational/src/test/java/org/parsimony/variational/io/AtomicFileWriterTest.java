package org.parsimony.variational.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link AtomicFileWriter}: complete files, no temporary file after a write, and removal of a killed writer's. */
class AtomicFileWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub").resolve("results.json");
        AtomicFileWriter.write(target, "{\"a\": 1}");
        AtomicFileWriter.write(target, "{\"a\": 2}");
        assertEquals("{\"a\": 2}", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("checkpoint.ckpt");
        AtomicFileWriter.write(target, "old");
        assertThrows(java.io.UncheckedIOException.class, () -> AtomicFileWriter.write(target, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(0, AtomicFileWriter.removeLeftovers(target));
    }

    @Test
    void aPermissionErrorNamesTheTargetAndTheCauseNotTheTemporaryFile() {
        // tests run as root, which no file mode stops: the file system's refusal is thrown as the JDK throws it
        Path target = dir.resolve("results.json");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> AtomicFileWriter.write(target,
                temp -> {
                    throw new java.nio.file.AccessDeniedException(temp.toString());
                }));
        assertEquals("cannot write " + target.toAbsolutePath() + ": permission denied", e.getMessage());
        java.io.UncheckedIOException full = assertThrows(java.io.UncheckedIOException.class, () -> AtomicFileWriter.write(
                target, temp -> {
                    throw new java.nio.file.FileSystemException(temp.toString(), null, "No space left on device");
                }));
        assertEquals("cannot write " + target.toAbsolutePath() + ": No space left on device", full.getMessage());
    }

    @Test
    void removesOnlyTheLeftoversOfItsTarget() throws IOException {
        Path target = dir.resolve("checkpoint.ckpt");
        AtomicFileWriter.write(target, "state");
        Files.writeString(dir.resolve(".checkpoint.ckpt8812.tmp"), "killed mid-write");
        Files.writeString(dir.resolve(".checkpoint.ckpt17.tmp"), "killed mid-write");
        Files.writeString(dir.resolve(".results.json99.tmp"), "another target's");
        Files.writeString(dir.resolve("notes.tmp"), "not ours");
        assertEquals(2, AtomicFileWriter.removeLeftovers(target));
        assertFalse(Files.exists(dir.resolve(".checkpoint.ckpt8812.tmp")));
        assertTrue(Files.exists(dir.resolve(".results.json99.tmp")));
        assertTrue(Files.exists(dir.resolve("notes.tmp")));
        assertEquals("state", Files.readString(target));
        assertEquals(0, AtomicFileWriter.removeLeftovers(dir.resolve("missing").resolve("x.json")));
    }
}
