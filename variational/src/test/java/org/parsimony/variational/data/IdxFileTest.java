package org.parsimony.variational.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxFileTest {
    @TempDir
    Path dir;

    static byte[] rawIdx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private void assertErrorNamesFile(Path file, int rank, String fragment) {
        DataFileException e = assertThrows(DataFileException.class, () -> IdxFile.read(file, rank));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void readsRawAndGzippedFilesAlike() throws IOException {
        byte[] data = {0, 1, 2, (byte) 255, 7, 9, 11, 13, 15, 17, 19, 21};
        IdxFile original = new IdxFile(new int[] {3, 2, 2}, data);
        IdxFile fromRaw = IdxFile.read(write("a", rawIdx(new int[] {3, 2, 2}, data)), 3);
        IdxFile fromGzip = IdxFile.read(write("b.gz", original.toGzipBytes()), 3);
        IdxFile gzipWithoutSuffix = IdxFile.read(write("c", original.toGzipBytes()), 3);
        for (IdxFile f : new IdxFile[] {fromRaw, fromGzip, gzipWithoutSuffix}) {
            assertArrayEquals(new int[] {3, 2, 2}, f.dimensions());
            assertArrayEquals(data, f.data());
            assertEquals(3, f.count());
            assertEquals(4, f.itemSize());
            assertEquals(255, f.unsigned(3));
        }
    }

    @Test
    void missingFileAndDirectoryAreNamed() throws IOException {
        assertErrorNamesFile(dir.resolve("nope"), 1, "file not found");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertErrorNamesFile(sub, 1, "not a regular file");
    }

    @Test
    void badMagicTypeAndRankAreRejected() throws IOException {
        byte[] good = rawIdx(new int[] {2}, new byte[] {1, 2});
        byte[] magic = good.clone();
        magic[0] = 0x12;
        assertErrorNamesFile(write("magic", magic), 1, "bad IDX magic number");
        byte[] type = good.clone();
        type[2] = 0x0D;
        assertErrorNamesFile(write("type", type), 1, "unsupported IDX element type");
        assertErrorNamesFile(write("rank", good), 3, "has 1 dimensions, expected 3");
        assertErrorNamesFile(write("zero", rawIdx(new int[] {0}, new byte[0])), 1, "sizes must be positive");
    }

    @Test
    void truncatedAndOverlongFilesAreRejected() throws IOException {
        byte[] good = rawIdx(new int[] {2, 2, 2}, new byte[8]);
        assertErrorNamesFile(write("short", Arrays.copyOf(good, good.length - 1)), 3, "truncated");
        assertErrorNamesFile(write("header", Arrays.copyOf(good, 9)), 3, "truncated header");
        assertErrorNamesFile(write("tiny", new byte[] {0, 0}), 3, "too short");
        assertErrorNamesFile(write("long", Arrays.copyOf(good, good.length + 3)), 3, "3 unexpected bytes");
    }

    @Test
    void aHeaderClaimingMoreThanOneArrayIsRefusedBeforeReadingTheBody() throws IOException {
        // a tiny gzip whose header claims 3,000,000 images of 28x28: 2.35e9 values
        Path file = write("huge.gz", new IdxFile(new int[] {3_000_000, 28, 28}, new byte[0]).toGzipBytes());
        long start = System.nanoTime();
        DataFileException e = assertThrows(DataFileException.class, () -> IdxFile.read(file, 3));
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "refused at once");
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("header claims 3000000 x 28 x 28 = 2352000000 values, more than the "
                + (Integer.MAX_VALUE - 8) + " one array can hold"), e.getMessage());
    }

    @Test
    void aHeaderClaimingMoreThanTheStreamHoldsIsTruncated() throws IOException {
        IdxFile claimsTen = new IdxFile(new int[] {10, 28, 28}, new byte[100]);
        assertErrorNamesFile(write("short.gz", claimsTen.toGzipBytes()), 3,
                "truncated: header promises 7840 values [10, 28, 28] but only 100 follow");
        assertErrorNamesFile(write("short", rawIdx(new int[] {10, 28, 28}, new byte[100])), 3,
                "truncated: header promises 7840 values [10, 28, 28] but only 100 follow");
    }

    @Test
    void corruptGzipIsRejected() throws IOException {
        byte[] gz = new IdxFile(new int[] {4}, new byte[] {1, 2, 3, 4}).toGzipBytes();
        assertErrorNamesFile(write("cut.gz", Arrays.copyOf(gz, gz.length - 6)), 1, "gzip");
        byte[] flipped = gz.clone();
        flipped[12] ^= 0x5A;
        assertErrorNamesFile(write("flip.gz", flipped), 1, "gzip");
    }

    @Test
    void aGzipCutInsideItsHeaderIsCalledTruncatedAndNamed() throws IOException {
        byte[] gz = new IdxFile(new int[] {4}, new byte[] {1, 2, 3, 4}).toGzipBytes();
        Path cut = write("cut-header.gz", Arrays.copyOf(gz, 5)); // the gzip header is 10 bytes
        DataFileException e = assertThrows(DataFileException.class, () -> IdxFile.read(cut, 1));
        assertTrue(e.getMessage().startsWith(cut + ": truncated gzip stream"), e.getMessage());
        assertTrue(!e.getMessage().contains("null"), "the cause is said, not its null message: " + e.getMessage());
    }
}
