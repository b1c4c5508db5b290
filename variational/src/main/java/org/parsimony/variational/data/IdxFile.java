package org.parsimony.variational.data;

import org.parsimony.variational.io.IoCause;
import org.parsimony.variational.memory.AvailableMemory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * An IDX file of unsigned bytes (the MNIST / Fashion-MNIST format: magic {@code 0x00 0x00 0x08 d}, then
 * {@code d} big-endian int32 dimensions, then the data), raw or gzip-compressed (detected by the gzip magic
 * bytes, not by the file name). Anything else, a truncated body, trailing bytes or a header claiming more values than
 * the Java heap can hold is a {@link DataFileException} naming the file.
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
     * Reads an unsigned-byte IDX file with {@code expectedRank} dimensions, streaming it: the header first, then the
     * body straight into the data array, whose size the header claims is checked against the Java heap available
     * before it is allocated.
     *
     * @throws DataFileException if the file is missing, unreadable, corrupt, of another shape or too large for the heap
     */
    public static IdxFile read(Path file, int expectedRank) {
        if (!Files.exists(file)) {
            throw new DataFileException(file, "file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, "not a regular file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new DataFileException(file.toString(), "cannot be read: " + IoCause.of(e), e);
        }
        return parse(file.toString(), in, expectedRank);
    }

    /** Parses the bytes of an IDX file (raw or gzipped); {@code name} is used in error messages. */
    public static IdxFile parse(String name, byte[] bytes, int expectedRank) {
        return parse(name, new ByteArrayInputStream(bytes), expectedRank);
    }

    /**
     * Parses an IDX file (raw or gzipped) from {@code in}, which it closes; {@code name} is used in error messages.
     *
     * @throws DataFileException as {@link #read}
     */
    public static IdxFile parse(String name, InputStream in, int expectedRank) {
        boolean gzip = false;
        try (BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16)) {
            gzip = isGzip(buffered);
            InputStream raw = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            int[] dims;
            try {
                dims = header(name, raw, expectedRank);
            } catch (DataFileException e) {
                if (gzip) {
                    // a corrupt stream explains a bad header: gzip's checksum, at its end, tells
                    raw.transferTo(OutputStream.nullOutputStream());
                }
                throw e;
            }
            return new IdxFile(dims, body(name, raw, dims));
        } catch (EOFException e) {
            throw new DataFileException(name, gzip ? "truncated gzip stream: the file ends inside the compressed data (an "
                    + "interrupted download or copy?)" : "truncated: " + IoCause.of(e), e);
        } catch (ZipException e) {
            throw new DataFileException(name, "corrupt gzip stream: " + IoCause.of(e), e);
        } catch (IOException e) {
            throw new DataFileException(name, (gzip ? "cannot be decompressed: " : "cannot be read: ") + IoCause.of(e), e);
        }
    }

    /** The dimensions of the header at the start of {@code raw}. */
    private static int[] header(String name, InputStream raw, int expectedRank) throws IOException {
        byte[] magic = raw.readNBytes(4);
        if (magic.length < 4) {
            throw new DataFileException(name, "too short for an IDX header (" + magic.length + " bytes)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataFileException(name, String.format("bad IDX magic number 0x%02x%02x%02x%02x (expected 0x0000080%d)",
                    magic[0], magic[1], magic[2], magic[3], expectedRank));
        }
        if ((magic[2] & 0xFF) != UNSIGNED_BYTE) {
            throw new DataFileException(name, String.format("unsupported IDX element type 0x%02x (only unsigned byte 0x08 is supported)", magic[2]));
        }
        int rank = magic[3] & 0xFF;
        if (rank != expectedRank) {
            throw new DataFileException(name, "has " + rank + " dimensions, expected " + expectedRank);
        }
        int headerLength = 4 + 4 * rank;
        byte[] sizes = raw.readNBytes(4 * rank);
        if (sizes.length < 4 * rank) {
            throw new DataFileException(name, "truncated header: " + (4 + sizes.length) + " bytes, need " + headerLength);
        }
        ByteBuffer header = ByteBuffer.wrap(sizes);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = header.getInt();
            if (dims[i] <= 0) {
                throw new DataFileException(name, "dimension " + i + " is " + dims[i] + "; sizes must be positive");
            }
        }
        return dims;
    }

    /** The values following the header, exactly as many as {@code dims} claim. */
    private static byte[] body(String name, InputStream raw, int[] dims) throws IOException {
        int expectedValues = claimedValues(name, dims);
        byte[] data = new byte[expectedValues];
        int actualValues = raw.readNBytes(data, 0, expectedValues);
        if (actualValues < expectedValues) {
            throw new DataFileException(name, "truncated: header promises " + expectedValues + " values "
                    + Arrays.toString(dims) + " but only " + actualValues + " follow");
        }
        long extra = raw.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new DataFileException(name, extra + " unexpected bytes after the " + expectedValues
                    + " values the header promises");
        }
        return data;
    }

    /**
     * The number of values {@code dims} claim, once it is known to fit in one array and in the Java heap available.
     *
     * @throws DataFileException naming the file, the size claimed and the limit
     */
    private static int claimedValues(String name, int[] dims) {
        double values = 1;
        StringBuilder shape = new StringBuilder();
        for (int d : dims) {
            values *= d;
            shape.append(shape.length() == 0 ? "" : " x ").append(d);
        }
        if (values > AvailableMemory.MAX_ARRAY_LENGTH) {
            throw new DataFileException(name, String.format(Locale.ROOT, "header claims %s = %.0f values, more than the %d "
                    + "one array can hold", shape, values, AvailableMemory.MAX_ARRAY_LENGTH));
        }
        long bytes = (long) values;
        AvailableMemory available = AvailableMemory.forHeap(bytes);
        if (bytes > available.heapBytes()) {
            throw new DataFileException(name, "header claims " + shape + " = " + bytes + " values (" + AvailableMemory.format(bytes)
                    + "), more than the " + AvailableMemory.format(available.heapBytes())
                    + " of Java heap available (raise -Xmx)");
        }
        return (int) bytes;
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

    /** Whether {@code in} starts with the gzip magic bytes (detected, not consumed). */
    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }
}
