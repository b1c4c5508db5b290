package org.parsimony.pruning.criteria;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * A criterion as the registry knows it ({@link PruningCriteria}): its name on the command line and in results, one
 * line for help texts, what it reads, and how to make it for a seed. A criterion class declares its type in a
 * {@code public static final CriterionType TYPE} field, which the registry finds.
 *
 * @param name    short stable name, e.g. {@code mu}: letters, digits and dashes
 * @param summary one line for {@code --help}
 * @param rank    position in lists, help texts and plot colours (lower first; ties by name)
 * @param needs   what the criterion reads besides the weights
 * @param factory the criterion for a seed (random scores use it; the others ignore it)
 */
public record CriterionType(String name, String summary, int rank, Set<CriterionNeed> needs,
                            LongFunction<PruningCriterion> factory) {

    /** Rank of a criterion that states none: after the built-in ones. */
    public static final int LAST = 1000;

    /** @throws IllegalArgumentException for a name that is not letters, digits and dashes */
    public CriterionType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(factory, "factory");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a criterion name is lower-case letters, digits and dashes, got '" + name
                    + "'");
        }
        needs = needs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(needs));
    }

    /** A criterion that reads {@code needs}, ranked after the built-in ones. */
    public static CriterionType of(String name, String summary, LongFunction<PruningCriterion> factory,
                                   CriterionNeed... needs) {
        return new CriterionType(name, summary, LAST, Set.of(needs), factory);
    }

    /** The same type at position {@code value} of the lists. */
    public CriterionType ranked(int value) {
        return new CriterionType(name, summary, value, needs, factory);
    }

    /** The criterion, seeded by {@code seed}. */
    public PruningCriterion create(long seed) {
        return factory.apply(seed);
    }

    /** Whether the criterion reads {@code need}. */
    public boolean needs(CriterionNeed need) {
        return needs.contains(need);
    }

    @Override
    public String toString() {
        return name;
    }
}
