package org.parsimony.experiments.cli;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Damages a gzip stream where a byte-level fuzzer rarely reaches: its 10-byte header (method, flags), a cut inside
 * the header, the CRC-32 and size trailer, or a second member appended after the first.
 */
final class GzipMutation {
    private GzipMutation() {
    }

    static Mutation of(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> {
                int method = random.nextInt(256);
                yield new Mutation("gzip compression method set to " + method, b -> set(b, 2, method));
            }
            case 1 -> {
                int flags = 1 + random.nextInt(255);
                yield new Mutation("gzip header flags set to " + flags, b -> set(b, 3, flags));
            }
            case 2 -> {
                int cut = 2 + random.nextInt(8);
                yield new Mutation("gzip stream cut inside its header, after " + cut + " bytes", b -> Arrays.copyOf(b, cut));
            }
            case 3 -> {
                int fromEnd = 1 + random.nextInt(8);
                int value = random.nextInt(256);
                yield new Mutation("gzip trailer byte " + (8 - fromEnd) + " (CRC-32, then size) set to " + value,
                        b -> set(b, b.length - fromEnd, value));
            }
            case 4 -> {
                byte[] member = IdxHeaderMutation.gzip(new byte[] {(byte) random.nextInt(256), 1, 2, 3});
                yield new Mutation("a second gzip member of 4 bytes appended", b -> Mutation.splice(b, b.length, 0, member));
            }
            default -> {
                int cut = 10 + random.nextInt(20);
                yield new Mutation("gzip stream cut " + cut + " bytes before its end", b -> Arrays.copyOf(b, Math.max(0, b.length - cut)));
            }
        };
    }

    private static byte[] set(byte[] b, int position, int value) {
        if (position >= 0 && position < b.length) {
            b[position] = (byte) value;
        }
        return b;
    }
}
