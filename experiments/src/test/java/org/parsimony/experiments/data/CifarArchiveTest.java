package org.parsimony.experiments.data;

import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.data.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CIFAR-10 cache: one checked download, extraction of the batches, files by hand, and files never overwritten. */
class CifarArchiveTest {
    private static final URI SOURCE = URI.create("http://mirror.invalid/cifar-10-binary.tar.gz");

    @TempDir
    Path dir;
    private final AtomicInteger downloads = new AtomicInteger();
    private final Map<String, byte[]> files = CifarFiles.files(4, 6);
    private final byte[] archive = CifarFiles.archive(files);

    private MirrorDownload serving(byte[] bytes) {
        return (source, destination) -> {
            downloads.incrementAndGet();
            Files.write(destination, bytes);
        };
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theArchiveIsDownloadedOnceCheckedAndExtracted() throws Exception {
        Path cache = dir.resolve("cache");
        CifarArchive cifar = new CifarArchive(cache, SOURCE, sha256(archive), serving(archive));
        TrainTestSplit split = cifar.load();
        assertEquals(20, split.train().size());
        assertEquals(6, split.test().size());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(cache.resolve(file.getKey())));
        }
        cifar.load();
        assertEquals(1, downloads.get());
        try (Stream<Path> left = Files.list(cache)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void aDownloadWithAnotherSumIsDiscarded() throws Exception {
        Path cache = dir.resolve("cache");
        CifarArchive cifar = new CifarArchive(cache, SOURCE, sha256(new byte[] {1}), serving(archive));
        DataFileException e = assertThrows(DataFileException.class, cifar::load);
        assertTrue(e.getMessage().startsWith(cache.resolve(CifarArchive.ARCHIVE) + ": the download from " + SOURCE
                + " has the wrong SHA-256"), e.getMessage());
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void anArchiveOfTheUserWithAnotherSumIsLeftAlone() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        byte[] foreign = {1, 2, 3};
        Files.write(cache.resolve(CifarArchive.ARCHIVE), foreign);
        CifarArchive cifar = new CifarArchive(cache, SOURCE, sha256(archive), serving(archive));
        DataFileException e = assertThrows(DataFileException.class, cifar::load);
        assertTrue(e.getMessage().contains("SHA-256 mismatch") && e.getMessage().contains("left untouched"), e.getMessage());
        assertArrayEquals(foreign, Files.readAllBytes(cache.resolve(CifarArchive.ARCHIVE)));
        assertEquals(0, downloads.get());
    }

    @Test
    void offlineTheErrorSaysWhereToPutTheFilesAndFilesByHandNeedNoNetwork() throws Exception {
        Path cache = dir.resolve("cache");
        MirrorDownload offline = (source, destination) -> {
            throw new IOException("network unreachable");
        };
        CifarArchive cifar = new CifarArchive(cache, SOURCE, sha256(archive), offline);
        DataFileException e = assertThrows(DataFileException.class, cifar::load);
        assertTrue(e.getMessage().contains("without a network, put cifar-10-binary.tar.gz or the six files "
                + "data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin"
                + " into " + cache.toAbsolutePath()), e.getMessage());
        CifarFiles.write(cache, 3, 2);
        assertEquals(15, cifar.load().train().size());
    }

    @Test
    void aBatchAlreadyThereIsNeverOverwritten() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        byte[] mine = CifarFiles.batch(2, 0, 5);
        Files.write(cache.resolve("data_batch_2.bin"), mine);
        new CifarArchive(cache, SOURCE, sha256(archive), serving(archive)).load();
        assertArrayEquals(mine, Files.readAllBytes(cache.resolve("data_batch_2.bin")));
        assertArrayEquals(files.get("data_batch_1.bin"), Files.readAllBytes(cache.resolve("data_batch_1.bin")));
        assertFalse(Files.exists(cache.resolve("cifar-10-batches-bin")));
    }
}
