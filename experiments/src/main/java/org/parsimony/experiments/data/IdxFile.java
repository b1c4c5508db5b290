package org.parsimony.experiments.data;

import org.parsimony.variational.io.IoCause;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * An IDX file of unsigned bytes (the MNIST / Fashion-MNIST format: magic {@code 0x00 0x00 0x08 d}, then
 * {@code d} big-endian int32 dimensions, then the data), raw or gzip-compressed (detected by the gzip magic
 * bytes, not by the file name). Anything else, a truncated body or trailing bytes is a {@link DataFileException}
 * naming the file.
 *
 * @param dimensions the sizes, e.g. {@code [n, 28, 28]} for images or {@code [n]} for labels
 * @param data       the values, row-major, each in 0..255
 */
public record IdxFile(int[] dimensions, byte[] data) {
    private static final int UNSIGNED_BYTE = 0x08;

    /** Number of items (the first dimension). */
    public int count() {
        return dimensions[0];
    }

    /** Product of all dimensions but the first: values per item. */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dimensions.length; i++) {
            size *= dimensions[i];
        }
        return size;
    }

    /** Value {@code k} as an int in 0..255. */
    public int unsigned(int k) {
        return data[k] & 0xFF;
    }

    /**
     * Reads an unsigned-byte IDX file with {@code expectedRank} dimensions.
     *
     * @throws DataFileException if the file is missing, unreadable, corrupt or of another shape
     */
    public static IdxFile read(Path file, int expectedRank) {
        if (!Files.exists(file)) {
            throw new DataFileException(file, "file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, "not a regular file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataFileException(file.toString(), "cannot be read: " + IoCause.of(e), e);
        }
        return parse(file.toString(), bytes, expectedRank);
    }

    /** Parses the bytes of an IDX file (raw or gzipped); {@code name} is used in error messages. */
    public static IdxFile parse(String name, byte[] bytes, int expectedRank) {
        byte[] raw = isGzip(bytes) ? gunzip(name, bytes) : bytes;
        if (raw.length < 4) {
            throw new DataFileException(name, "too short for an IDX header (" + raw.length + " bytes)");
        }
        if (raw[0] != 0 || raw[1] != 0) {
            throw new DataFileException(name, String.format("bad IDX magic number 0x%02x%02x%02x%02x (expected 0x0000080%d)",
                    raw[0], raw[1], raw[2], raw[3], expectedRank));
        }
        if ((raw[2] & 0xFF) != UNSIGNED_BYTE) {
            throw new DataFileException(name, String.format("unsupported IDX element type 0x%02x (only unsigned byte 0x08 is supported)", raw[2]));
        }
        int rank = raw[3] & 0xFF;
        if (rank != expectedRank) {
            throw new DataFileException(name, "has " + rank + " dimensions, expected " + expectedRank);
        }
        int headerLength = 4 + 4 * rank;
        if (raw.length < headerLength) {
            throw new DataFileException(name, "truncated header: " + raw.length + " bytes, need " + headerLength);
        }
        ByteBuffer header = ByteBuffer.wrap(raw, 4, 4 * rank);
        int[] dims = new int[rank];
        long expectedValues = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = header.getInt();
            if (dims[i] <= 0) {
                throw new DataFileException(name, "dimension " + i + " is " + dims[i] + "; sizes must be positive");
            }
            expectedValues *= dims[i];
        }
        long actualValues = raw.length - headerLength;
        if (actualValues < expectedValues) {
            throw new DataFileException(name, "truncated: header promises " + expectedValues + " values "
                    + Arrays.toString(dims) + " but only " + actualValues + " follow");
        }
        if (actualValues > expectedValues) {
            throw new DataFileException(name, (actualValues - expectedValues) + " unexpected bytes after the "
                    + expectedValues + " values the header promises");
        }
        return new IdxFile(dims, Arrays.copyOfRange(raw, headerLength, raw.length));
    }

    /** The file's bytes in IDX format, gzip-compressed. */
    public byte[] toGzipBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            ByteBuffer header = ByteBuffer.allocate(4 + 4 * dimensions.length);
            header.put((byte) 0).put((byte) 0).put((byte) UNSIGNED_BYTE).put((byte) dimensions.length);
            for (int d : dimensions) {
                header.putInt(d);
            }
            gzip.write(header.array());
            gzip.write(data);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory gzip failed", e);
        }
        return out.toByteArray();
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b;
    }

    private static byte[] gunzip(String name, byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new DataFileException(name, "truncated gzip stream: the file ends inside the compressed data (an "
                    + "interrupted download or copy?)", e);
        } catch (ZipException e) {
            throw new DataFileException(name, "corrupt gzip stream: " + IoCause.of(e), e);
        } catch (IOException e) {
            throw new DataFileException(name, "cannot be decompressed: " + IoCause.of(e), e);
        }
    }
}
