package org.parsimony.experiments.study;

/**
 * The share of a study one machine runs: the runs whose index modulo {@code count} is {@code index}
 * ({@code --shard K/N}), so N machines split a study without talking to each other.
 *
 * @param index this shard, 0-based
 * @param count number of shards
 */
public record Shard(int index, int count) {
    /** The whole study. */
    public static final Shard ALL = new Shard(0, 1);

    /** @throws IllegalArgumentException unless {@code 0 <= index < count} */
    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard must be K/N with 0 <= K < N, got " + index + "/" + count);
        }
    }

    /** Parses {@code K/N}. */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shard must be K/N (e.g. 0/2), got '" + text + "'");
    }

    /** Whether the run with {@code runIndex} belongs to this shard. */
    public boolean contains(int runIndex) {
        return runIndex % count == index;
    }

    /** Whether this is the whole study. */
    public boolean isAll() {
        return count == 1;
    }
}
