package org.parsimony.experiments.data;

import org.parsimony.variational.data.DataFileException;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.TrainTestSplit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MNIST (LeCun, Cortes &amp; Burges) as the four gzipped IDX files, downloaded once into a cache directory from a mirror
 * and checked against pinned SHA-256 sums. A download is checked before it takes its name; a file already in the
 * directory with another sum is reported by name and never deleted (it may be the user's). Without a network the
 * error says where to put the files by hand.
 *
 * <p>The sums are those of the canonical files (the same bytes on every mirror), as pinned by torchvision's mirror
 * list and TensorFlow Datasets.
 */
public final class MnistArchive {
    /** The mirror torchvision downloads from. */
    public static final URI DEFAULT_MIRROR = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");
    /** Where the files are kept by default: {@code ~/.cache/parsimony/mnist}. */
    public static final Path DEFAULT_CACHE = Path.of(System.getProperty("user.home"), ".cache", "parsimony", "mnist");
    /** File name to SHA-256 (hex) of the gzipped file. */
    static final Map<String, String> SHA256 = new LinkedHashMap<>();

    static {
        SHA256.put("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609");
        SHA256.put("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c");
        SHA256.put("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6");
        SHA256.put("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");
    }

    private final Path directory;
    private final URI mirror;
    private final Map<String, String> sums;
    private final MirrorDownload mirrorDownload;

    /** MNIST in {@code directory}, downloaded from {@code mirror} (a URL ending in {@code /}) when missing. */
    public MnistArchive(Path directory, URI mirror) {
        this(directory, mirror, SHA256, MirrorDownload.HTTP);
    }

    /** With other files and sums (tests, other IDX sets on the same scheme), downloaded over HTTP. */
    MnistArchive(Path directory, URI mirror, Map<String, String> sums) {
        this(directory, mirror, sums, MirrorDownload.HTTP);
    }

    /** With other files and sums, fetched by {@code mirrorDownload} (tests without a network). */
    MnistArchive(Path directory, URI mirror, Map<String, String> sums, MirrorDownload mirrorDownload) {
        this.directory = directory;
        this.mirror = mirror;
        this.sums = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sums));
        this.mirrorDownload = mirrorDownload;
    }

    /**
     * Makes sure every file is in the directory with its pinned sum, downloading the missing ones, and loads the set.
     *
     * @throws DataFileException naming the file: download impossible (with where to put it), or checksum mismatch
     */
    public TrainTestSplit load() {
        ensureFiles();
        return IdxImageDataset.fromDirectory(directory);
    }

    /**
     * Downloads the missing files and checks every file's sum; returns the directory. A file already there is never
     * changed: one with another sum is an error that names it. A download goes to a temporary file in the directory and
     * is renamed to its name only once its sum is right, so a failed or wrong download leaves nothing behind.
     */
    public Path ensureFiles() {
        for (Map.Entry<String, String> file : sums.entrySet()) {
            Path target = directory.resolve(file.getKey());
            if (Files.exists(target)) {
                String found = CheckedDownload.sha256(target);
                if (!found.equals(file.getValue())) {
                    throw new DataFileException(target, "SHA-256 mismatch (expected " + file.getValue() + ", found "
                            + found + "); the file is not MNIST's and was left untouched: move it away to download it");
                }
            } else {
                download(file.getKey(), file.getValue(), target);
            }
        }
        return directory;
    }

    private void download(String name, String expected, Path target) {
        CheckedDownload.fetch(mirrorDownload, mirror.resolve(name), target, expected,
                "the four files " + String.join(", ", sums.keySet()));
    }
}
