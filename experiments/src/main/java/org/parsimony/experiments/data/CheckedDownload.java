package org.parsimony.experiments.data;

import org.parsimony.variational.data.DataFileException;
import org.parsimony.variational.io.IoCause;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A download into a cache that is kept only once its SHA-256 is the pinned one: the bytes go to a hidden
 * {@code .part} file beside the target, are checked, and are then renamed onto the target atomically, so a broken or
 * forged download never takes the place of a file, and no file we did not write is deleted or overwritten.
 */
final class CheckedDownload {

    private CheckedDownload() {
    }

    /**
     * Copies {@code source} to {@code target} through {@code download} if its SHA-256 is {@code expected}.
     *
     * @param offline what a user without a network should put into the target's directory (named in the error)
     * @throws DataFileException naming {@code target} when the download fails, has another sum or cannot be stored
     */
    static void fetch(MirrorDownload download, URI source, Path target, String expected, String offline) {
        Path directory = target.getParent();
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, "." + target.getFileName(), ".part");
            try {
                try {
                    download.copy(source, temp);
                } catch (IOException | IllegalArgumentException e) {
                    throw new DataFileException(target, "cannot download " + source + " (" + e.getClass().getSimpleName()
                            + ": " + e.getMessage() + "); without a network, put " + offline + " into "
                            + directory.toAbsolutePath());
                }
                String found = sha256(temp);
                if (!found.equals(expected)) {
                    throw new DataFileException(target, "the download from " + source + " has the wrong SHA-256 (expected "
                            + expected + ", found " + found + "); it was discarded");
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new DataFileException(target, "cannot be stored in " + directory.toAbsolutePath() + ": "
                    + IoCause.of(e));
        }
    }

    /** The SHA-256 (hex) of {@code file}; a read failure is a {@link DataFileException} naming it. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DataFileException(file.toString(), "cannot be read: " + IoCause.of(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
