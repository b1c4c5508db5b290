package org.parsimony.experiments.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Changes one field of an IDX header (element type, rank, or a dimension set to a huge, negative, zero or off-by-one
 * value); a gzipped file is unpacked, changed and packed again, so the change reaches the parser behind a valid stream.
 */
final class IdxHeaderMutation {
    private static final int[] DIMENSIONS = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1 << 20, 1 << 24};

    private IdxHeaderMutation() {
    }

    static Mutation of(SplittableRandom random, int rank, boolean gzipped) {
        String where = gzipped ? " (inside the gzip stream)" : "";
        int field = random.nextInt(rank + 2);
        if (field == 0) {
            int type = random.nextInt(256);
            return new Mutation("IDX element type set to " + type + where, b -> change(b, gzipped, raw -> raw[2] = (byte) type));
        }
        if (field == 1) {
            int newRank = random.nextInt(256);
            return new Mutation("IDX rank set to " + newRank + where, b -> change(b, gzipped, raw -> raw[3] = (byte) newRank));
        }
        int dimension = field - 2;
        boolean relative = random.nextBoolean();
        int value = DIMENSIONS[random.nextInt(DIMENSIONS.length)];
        int delta = random.nextBoolean() ? 1 : -1;
        return new Mutation("IDX dimension " + dimension + (relative ? " changed by " + delta : " set to " + value) + where,
                b -> change(b, gzipped, raw -> {
                    ByteBuffer header = ByteBuffer.wrap(raw);
                    int offset = 4 + 4 * dimension;
                    header.putInt(offset, relative ? header.getInt(offset) + delta : value);
                }));
    }

    private interface Edit {
        void on(byte[] raw);
    }

    private static byte[] change(byte[] bytes, boolean gzipped, Edit edit) {
        byte[] raw = gzipped ? gunzip(bytes) : bytes;
        edit.on(raw);
        return gzipped ? gzip(raw) : raw;
    }

    static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
