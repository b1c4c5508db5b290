package org.parsimony.experiments.study;

import org.parsimony.pruning.criteria.CriterionName;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A method compared by a study: the dense baseline, the variational network that prunes itself while it trains, or
 * a pruning criterion applied to the shared dense start. Only the criteria take a pruning ratio.
 */
public enum StudyMethod {
    /** The dense start itself (added to a study whenever a criterion is): the accuracy every criterion is measured against. */
    dense(null),
    /** Variational Bernoulli gates; the network chooses its own size, one point per seed. */
    variational(null),
    /** L2 norm of a unit's incoming weights. */
    magnitude(CriterionName.magnitude),
    /** Magnitude and uncertainty (Wald statistic, pseudo-bootstrap standard deviations). */
    mu(CriterionName.mu),
    /** Random scores, the floor every criterion must beat. */
    random(CriterionName.random),
    /** SiPP / PFP empirical sensitivity. */
    sipp(CriterionName.sipp);

    private final CriterionName criterion;

    StudyMethod(CriterionName criterion) {
        this.criterion = criterion;
    }

    /** The criterion that prunes the dense start, or null for {@link #dense} and {@link #variational}. */
    public CriterionName criterion() {
        return criterion;
    }

    /** Whether the method prunes the dense start to given ratios. */
    public boolean isCriterion() {
        return criterion != null;
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
            if (m != dense && m.name().equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "' (known: " + Arrays.stream(values())
                .filter(m -> m != dense).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }

    /** Position of {@code name} in the study order (unknown names last), for sorting rows. */
    static int rank(String name) {
        for (StudyMethod m : values()) {
            if (m.name().equals(name)) {
                return m.ordinal();
            }
        }
        return values().length;
    }
}
