package org.parsimony.experiments.cli;

import org.parsimony.variational.io.IoCause;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This process's hold on an output directory, so that two commands never write the same files. A command that owns
 * the directory (train, prune, prune-study, compare) locks {@value #FILE_NAME} in it exclusively and writes its pid
 * there; a shard of a study, which shares the directory with the other shards by design, locks that file shared and
 * its own file {@code .parsimony-WRITER.lock} exclusively. A second writer is refused with the holder's pid. Closing
 * releases the locks, and removes the directory if acquiring created it and nothing was written there.
 */
final class OutputDirectoryLock implements AutoCloseable {
    /** Name of the directory's lock file. */
    static final String FILE_NAME = ".parsimony.lock";
    private static final String WRITER_PREFIX = ".parsimony-";

    private final Path directory;
    private final List<LockFile> held;
    private final boolean createdDirectory;

    private OutputDirectoryLock(Path directory, List<LockFile> held, boolean createdDirectory) {
        this.directory = directory;
        this.held = held;
        this.createdDirectory = createdDirectory;
    }

    /**
     * The whole of {@code directory} for this process, creating it if needed.
     *
     * @throws OutputDirectoryInUseException naming the pid of the process that holds it (or of its shards)
     * @throws UncheckedIOException          naming the directory if it cannot be created or locked
     */
    static OutputDirectoryLock exclusive(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        boolean created = create(dir);
        Path file = dir.resolve(FILE_NAME);
        LockFile lock = take(dir, created, file, false);
        lock.writePid();
        return new OutputDirectoryLock(dir, List.of(lock), created);
    }

    /**
     * {@code directory} shared with other writers of it (the shards of a study), {@code writer} (a file name) for this
     * process alone.
     *
     * @throws OutputDirectoryInUseException naming the pid of the process that holds the directory or {@code writer}
     * @throws UncheckedIOException          naming the directory if it cannot be created or locked
     */
    static OutputDirectoryLock shared(Path directory, String writer) {
        Path dir = directory.toAbsolutePath().normalize();
        boolean created = create(dir);
        LockFile whole = take(dir, created, dir.resolve(FILE_NAME), true);
        try {
            LockFile own = take(dir, false, dir.resolve(WRITER_PREFIX + writer + ".lock"), false);
            own.writePid();
            return new OutputDirectoryLock(dir, List.of(own, whole), created);
        } catch (RuntimeException e) {
            whole.close();
            removeIfEmpty(dir, created);
            throw e;
        }
    }

    private static boolean create(Path dir) {
        boolean created = !Files.isDirectory(dir);
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("cannot use output directory " + dir + ": " + e.getFile()
                    + " is a file, not a directory", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir + ": " + IoCause.of(e), e);
        }
        return created;
    }

    private static LockFile take(Path dir, boolean created, Path file, boolean shared) {
        LockFile lock = LockFile.tryTake(file, shared);
        if (lock == null) {
            removeIfEmpty(dir, created);
            throw new OutputDirectoryInUseException(dir, holders(dir, file), file);
        }
        return lock;
    }

    /**
     * Who holds {@code file}: the pid in it, or for the directory's file held by shards (which write no pid there)
     * the pids of the shards' own lock files.
     */
    private static String holders(Path dir, Path file) {
        Long pid = LockFile.pidIn(file);
        if (pid != null) {
            return "process " + pid;
        }
        List<Long> writers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith(WRITER_PREFIX)).sorted().map(LockFile::pidIn)
                    .filter(Objects::nonNull).forEach(writers::add);
        } catch (IOException e) {
            // named as another process below
        }
        return writers.isEmpty() ? "another process" : (writers.size() == 1 ? "process " : "processes ")
                + writers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static void removeIfEmpty(Path dir, boolean created) {
        if (!created) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // another process writes there now, or it is gone already
        }
    }

    /** Releases the locks; removes the directory if acquiring created it and it is empty. */
    @Override
    public void close() {
        held.forEach(LockFile::close);
        removeIfEmpty(directory, createdDirectory);
    }
}
