package org.parsimony.experiments.study;

import org.parsimony.pruning.criteria.CriterionName;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A method compared by a study: the dense baseline, the variational network that prunes itself while it trains, or
 * a pruning method applied to the shared dense start. Only the pruning methods take a pruning ratio; each runs at the
 * {@link Granularity granularities} it is defined for.
 */
public enum StudyMethod {
    /** The dense start itself (added to a study whenever a criterion is): the accuracy every criterion is measured against. */
    dense(null, false, Granularity.units, Granularity.weights),
    /** Variational Bernoulli gates; the network chooses its own size, one point per seed. */
    variational(null, false, Granularity.units),
    /** L2 norm of a unit's incoming weights, or a weight's {@code |w|}. */
    magnitude(CriterionName.magnitude, true, Granularity.units, Granularity.weights),
    /** Magnitude and uncertainty (Wald statistic, pseudo-bootstrap standard deviations). */
    mu(CriterionName.mu, true, Granularity.units, Granularity.weights),
    /**
     * MU with the standard deviations of a variational posterior instead of the pseudo-bootstrap: the weights of the
     * posterior-mean network of a variational net trained with its gates held open (as {@code reproduce mu} does),
     * scored {@code |mu| / sigma}; named {@code mu-var} in results.
     */
    mu_var(CriterionName.mu, true, Granularity.weights),
    /** Random scores, the floor every criterion must beat. */
    random(CriterionName.random, true, Granularity.units, Granularity.weights),
    /**
     * SiPP (Baykal et al.), weight-level: its empirical sensitivities, its own allocation of the sample budget over all
     * layers, hybrid keep-top or importance sampling with reweighting ({@code SippWeightPruner}). Before issue 19 this
     * name was a unit-level ranking by PFP sensitivity; that method is now {@link #pfp}.
     */
    sipp(CriterionName.sipp, true, Granularity.weights),
    /**
     * PFP (Liebenwein et al.), unit-level: one relative error shared by all layers, solved for the target number of
     * parameters ({@code PfpUnitPruner}).
     */
    pfp(null, true, Granularity.units);

    private final CriterionName criterion;
    private final boolean prunes;
    private final java.util.Set<Granularity> granularities;

    StudyMethod(CriterionName criterion, boolean prunes, Granularity... granularities) {
        this.criterion = criterion;
        this.prunes = prunes;
        this.granularities = java.util.EnumSet.copyOf(java.util.List.of(granularities));
    }

    /** The name in results and on the command line: the constant's name, {@code mu-var} for {@link #mu_var}. */
    public String label() {
        return name().replace('_', '-');
    }

    /** The criterion that ranks the dense start's units or weights, or null for the methods that are not a ranking. */
    public CriterionName criterion() {
        return criterion;
    }

    /** Whether the method prunes the dense start to given ratios. */
    public boolean isCriterion() {
        return prunes;
    }

    /**
     * @throws IllegalArgumentException if the method is not defined at {@code granularity}, saying which method is
     */
    public void requireGranularity(Granularity granularity) {
        if (granularities.contains(granularity)) {
            return;
        }
        String hint = switch (this) {
            case sipp -> "sipp is weight-level SiPP (--granularity weights); the unit-level method is pfp (before issue 19 "
                    + "'sipp' named a unit ranking by PFP sensitivity)";
            case pfp -> "pfp removes units; weight-level SiPP is sipp";
            case variational -> "the variational method removes units through its gates; leave it out of a weight study";
            default -> label() + " runs at " + granularities;
        };
        throw new IllegalArgumentException("method " + label() + " does not run at --granularity " + granularity + ": "
                + hint);
    }

    /**
     * The method called {@code name} (as typed by a user: {@code dense} is implicit and not accepted).
     *
     * @throws IllegalArgumentException naming the bad method and the known ones
     */
    public static StudyMethod parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("gate")) {
            throw new IllegalArgumentException("method gate scores the gate probabilities of a variational network and "
                    + "cannot prune a dense start; use the variational method");
        }
        for (StudyMethod m : values()) {
            if (m != dense && m.label().equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "' (known: " + Arrays.stream(values())
                .filter(m -> m != dense).map(StudyMethod::label).collect(Collectors.joining(", ")) + ")");
    }

    /** Position of {@code name} in the study order (unknown names last), for sorting rows. */
    static int rank(String name) {
        for (StudyMethod m : values()) {
            if (m.label().equals(name)) {
                return m.ordinal();
            }
        }
        return values().length;
    }
}
