package org.parsimony.variational.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The cause of an I/O failure in a few words ("permission denied", "No space left on device"), for messages that name
 * the file the user asked for. The JDK's file-system exceptions put the path they failed on in their message, often a
 * temporary file the user never heard of, and leave the reason out (an {@link AccessDeniedException}'s message is
 * only that path).
 */
public final class IoCause {
    private IoCause() {
    }

    /** What went wrong, without the paths of {@code e}. */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a non-empty directory is in the way";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
        }
        if (e instanceof EOFException) {
            return "unexpected end of file" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
