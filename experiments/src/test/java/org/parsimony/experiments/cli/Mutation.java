package org.parsimony.experiments.cli;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * One seeded change to a file's bytes, with a description that makes a failing fuzz case reproducible by reading it.
 *
 * @param description what the change does, e.g. {@code "truncate to 117 of 4096 bytes"}
 * @param change      the change itself, applied to a copy of the file's bytes
 */
record Mutation(String description, UnaryOperator<byte[]> change) {

    byte[] apply(byte[] original) {
        return change.apply(original.clone());
    }

    /** A random byte-level change: bit flips, truncation, insertion, deletion or a zeroed range. */
    static Mutation ofBytes(SplittableRandom random, int length) {
        int n = Math.max(1, length);
        return switch (random.nextInt(5)) {
            case 0 -> bitFlips(random, n);
            case 1 -> {
                int cut = random.nextInt(n);
                yield new Mutation("truncate to " + cut + " of " + length + " bytes", b -> Arrays.copyOf(b, cut));
            }
            case 2 -> insertion(random, n);
            case 3 -> {
                int from = random.nextInt(n);
                int count = 1 + random.nextInt(Math.min(64, n - from));
                yield new Mutation("delete " + count + " bytes at " + from, b -> splice(b, from, count, new byte[0]));
            }
            default -> {
                int from = random.nextInt(n);
                int count = 1 + random.nextInt(Math.min(256, n - from));
                yield new Mutation("zero " + count + " bytes at " + from, b -> {
                    Arrays.fill(b, from, Math.min(b.length, from + count), (byte) 0);
                    return b;
                });
            }
        };
    }

    /** Up to eight single-bit flips, half of them in the first 64 bytes, where headers are. */
    static Mutation bitFlips(SplittableRandom random, int length) {
        int flips = 1 + random.nextInt(8);
        int[] positions = new int[flips];
        int[] bits = new int[flips];
        for (int k = 0; k < flips; k++) {
            positions[k] = random.nextBoolean() ? random.nextInt(Math.min(64, length)) : random.nextInt(length);
            bits[k] = random.nextInt(8);
        }
        return new Mutation("flip bits " + Arrays.toString(bits) + " of bytes " + Arrays.toString(positions), b -> {
            for (int k = 0; k < flips; k++) {
                if (positions[k] < b.length) {
                    b[positions[k]] ^= (byte) (1 << bits[k]);
                }
            }
            return b;
        });
    }

    /** 1 to 64 random bytes inserted at a random position (the end included). */
    static Mutation insertion(SplittableRandom random, int length) {
        int at = random.nextInt(length + 1);
        byte[] inserted = new byte[1 + random.nextInt(64)];
        for (int k = 0; k < inserted.length; k++) {
            inserted[k] = (byte) random.nextInt(256);
        }
        return new Mutation("insert " + inserted.length + " random bytes at " + at,
                b -> splice(b, Math.min(at, b.length), 0, inserted));
    }

    /** An empty file. */
    static Mutation empty() {
        return new Mutation("empty file", b -> new byte[0]);
    }

    /** The file's content replaced by {@code other}'s (another file of the same fixture). */
    static Mutation replacedBy(String otherName, byte[] other) {
        return new Mutation("replaced by the content of " + otherName, b -> other.clone());
    }

    /** {@code b} with {@code count} bytes at {@code from} replaced by {@code inserted}. */
    static byte[] splice(byte[] b, int from, int count, byte[] inserted) {
        byte[] out = new byte[b.length - count + inserted.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(inserted, 0, out, from, inserted.length);
        System.arraycopy(b, from + count, out, from + inserted.length, b.length - from - count);
        return out;
    }
}
