package org.parsimony.experiments.cli;

import org.parsimony.variational.io.IoCause;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file held by this process through an OS lock ({@link FileChannel#tryLock}), exclusive or shared. The OS lock
 * decides, not the file's existence: a file left by a killed process blocks no one. The last holder deletes the file
 * while still holding it, and a taker checks that the file it locked is still the one at the path, so a file deleted
 * that way is never taken.
 */
final class LockFile implements AutoCloseable {
    private static final int ATTEMPTS = 10;
    /**
     * The lock files this process holds: the OS lock belongs to the process and closing any channel of the file drops
     * it, so a second taker in this process must not even open the file.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private FileLock lock;

    private LockFile(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code file} (an absolute path in an existing directory), creating it if needed; a shared lock admits other
     * shared holders, an exclusive one no other holder.
     *
     * @return the held file, or {@code null} if another process (or a taker in this one) holds it in a conflicting way
     * @throws UncheckedIOException naming the file if it cannot be created or locked
     */
    static LockFile tryTake(Path file, boolean shared) {
        if (!HELD.add(file)) {
            return null;
        }
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Object before = identity(file);
                if (before == null) {
                    createQuietly(file);
                    continue;
                }
                FileChannel channel;
                try {
                    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (NoSuchFileException e) {
                    continue; // deleted by its last holder
                }
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
                if (lock == null) {
                    channel.close();
                    HELD.remove(file);
                    return null;
                }
                if (before.equals(identity(file))) {
                    return new LockFile(file, channel, lock);
                }
                // its last holder deleted the file we locked (and another may have been made): take the current one
                lock.release();
                channel.close();
            }
            HELD.remove(file);
            return null;
        } catch (IOException e) {
            HELD.remove(file);
            throw new UncheckedIOException("cannot lock " + file + ": " + IoCause.of(e), e);
        }
    }

    /** Writes this process's pid into the file (for an exclusive holder: who holds it). */
    void writePid() {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoCause.of(e), e);
        }
    }

    /** The pid written into {@code file}, or {@code null} if there is none (not written yet, or a shared lock). */
    static Long pidIn(Path file) {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Releases the lock; the last holder deletes the file first. Best effort, as the OS releases the lock at exit. */
    @Override
    public void close() {
        try {
            if (lock.isShared()) {
                lock.release();
                lock = channel.tryLock(0, Long.MAX_VALUE, false); // null while other shared holders remain
            }
            if (lock != null) {
                Files.deleteIfExists(file);
                lock.release();
            }
        } catch (IOException e) {
            // the channel's close below releases the lock
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // the OS releases the lock at exit at the latest
            }
            HELD.remove(file);
        }
    }

    /** The file's identity on its file system (device and inode on Unix), or {@code null} if there is no such file. */
    private static Object identity(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void createQuietly(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // made by another taker at the same moment: lock that one
        }
    }
}
