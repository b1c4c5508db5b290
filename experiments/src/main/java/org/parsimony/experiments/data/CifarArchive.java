package org.parsimony.experiments.data;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.data.DataFileException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.parsimony.variational.io.IoCause;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * CIFAR-10's binary version kept in a cache directory: the six batch files ({@link CifarBinary}) extracted from the
 * official {@code cifar-10-binary.tar.gz}, which is downloaded once and checked against its pinned SHA-256 before it
 * takes its name. Batch files already in the directory are used as they are (offline: put them there by hand, or put
 * the archive there); a file already there is never overwritten or deleted, and an archive with another sum is
 * reported by name and left alone (it may be the user's). Extracted files are written to temporary files and renamed,
 * so an interrupted extraction leaves no partial batch behind.
 *
 * <p>The sum is that of the archive on the author's site (170,052,171 bytes), as pinned by TensorFlow Datasets.
 */
public final class CifarArchive {
    /** The official archive. */
    public static final URI DEFAULT_SOURCE = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    /** SHA-256 (hex) of the official archive. */
    public static final String SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";
    /** The archive's file name in the cache directory. */
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    /** Where the files are kept by default: {@code ~/.cache/parsimony/cifar10}. */
    public static final Path DEFAULT_CACHE = Path.of(System.getProperty("user.home"), ".cache", "parsimony", "cifar10");

    private final Path directory;
    private final URI source;
    private final String sha256;
    private final MirrorDownload download;

    /** CIFAR-10 in {@code directory}, downloaded from the official site when missing. */
    public CifarArchive(Path directory) {
        this(directory, DEFAULT_SOURCE, SHA256, MirrorDownload.HTTP);
    }

    /** With another source, sum and download (tests without a network). */
    CifarArchive(Path directory, URI source, String sha256, MirrorDownload download) {
        this.directory = directory;
        this.source = source;
        this.sha256 = sha256;
        this.download = download;
    }

    /**
     * Makes sure the six batch files are in the directory and loads the set ({@link CifarBinary#fromDirectory}).
     *
     * @throws DataFileException naming the file: download impossible (with where to put the files), checksum mismatch,
     *                           an archive without a batch, or a malformed batch
     */
    public TrainTestSplit load() {
        return CifarBinary.fromDirectory(ensureFiles());
    }

    /** The batch files that are not in the directory yet. */
    private List<String> missing() {
        return CifarBinary.files().stream().filter(name -> !Files.exists(directory.resolve(name))).toList();
    }

    /**
     * Extracts the missing batch files from the archive, downloading the archive first if it is not there; returns the
     * directory. Nothing is fetched when every batch file is present.
     */
    public Path ensureFiles() {
        if (missing().isEmpty()) {
            return directory;
        }
        Path archive = directory.resolve(ARCHIVE);
        if (Files.exists(archive)) {
            String found = CheckedDownload.sha256(archive);
            if (!found.equals(sha256)) {
                throw new DataFileException(archive, "SHA-256 mismatch (expected " + sha256 + ", found " + found
                        + "); the file is not CIFAR-10's binary archive and was left untouched: move it away to download it");
            }
        } else {
            downloadArchive(archive);
        }
        extract(archive);
        List<String> stillMissing = missing();
        if (!stillMissing.isEmpty()) {
            throw new DataFileException(archive, "holds no " + String.join(", ", stillMissing));
        }
        return directory;
    }

    private void downloadArchive(Path archive) {
        CheckedDownload.fetch(download, source, archive, sha256,
                ARCHIVE + " or the six files " + String.join(", ", CifarBinary.files()));
    }

    /** Writes each batch file of the archive that is not in the directory yet (members are matched by file name). */
    private void extract(Path archive) {
        List<String> wanted = missing();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (!entry.isFile() || !wanted.contains(name)) {
                    continue;
                }
                Path target = directory.resolve(name);
                Path temp = Files.createTempFile(directory, "." + name, ".part");
                try {
                    Files.copy(tar, temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException e) {
            throw new DataFileException(archive, "cannot be extracted into " + directory.toAbsolutePath() + ": "
                    + IoCause.of(e));
        }
    }
}
