package org.parsimony.experiments.study;

import org.parsimony.pruning.criteria.CriterionNeed;
import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.criteria.PruningCriteria;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A method compared by a study: the dense baseline, the variational network that prunes itself while it trains, a
 * registered criterion ({@link PruningCriteria}) ranking the shared dense start's units or weights, or one of the
 * methods with their own allocation ({@code mu-var}, weight-level {@code sipp}, {@code pfp}). Only the pruning methods
 * take a pruning ratio; each runs at the {@link Granularity granularities} it is defined for. Every registered
 * criterion that does not need gates is a method at both granularities, so a new criterion joins the studies, their
 * default lists and their plots without an edit here. One instance per name, so methods compare with {@code ==}.
 */
public final class StudyMethod implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, StudyMethod> CRITERIA = new ConcurrentHashMap<>();

    /** The dense start itself (added to a study whenever a criterion is): the accuracy every criterion is measured against. */
    public static final StudyMethod dense = new StudyMethod("dense", null, false, EnumSet.allOf(Granularity.class));
    /** Variational Bernoulli gates; the network chooses its own size, one point per seed. */
    public static final StudyMethod variational = new StudyMethod("variational", null, false, EnumSet.of(Granularity.units));
    /**
     * MU with the standard deviations of a variational posterior instead of the pseudo-bootstrap: the weights of the
     * posterior-mean network of a variational net trained with its gates held open (as {@code reproduce mu} does),
     * scored {@code |mu| / sigma}; listed right after {@code mu}.
     */
    public static final StudyMethod mu_var = new StudyMethod("mu-var", "mu", true, EnumSet.of(Granularity.weights));
    /**
     * SiPP (Baykal et al.), weight-level: its empirical sensitivities, its own allocation of the sample budget over all
     * layers, hybrid keep-top or importance sampling with reweighting ({@code SippWeightPruner}); it takes the place of
     * the {@code sipp} ranking. Before issue 19 this name was a unit-level ranking by PFP sensitivity; that method is
     * now {@link #pfp}.
     */
    public static final StudyMethod sipp = new StudyMethod("sipp", "sipp", true, EnumSet.of(Granularity.weights));
    /**
     * PFP (Liebenwein et al.), unit-level: one relative error shared by all layers, solved for the target number of
     * parameters ({@code PfpUnitPruner}).
     */
    public static final StudyMethod pfp = new StudyMethod("pfp", null, true, EnumSet.of(Granularity.units));
    private static final List<StudyMethod> OWN_ALLOCATION = List.of(mu_var, sipp);

    private final String label;
    private final String criterion;
    private final boolean prunes;
    private final Set<Granularity> granularities;

    private StudyMethod(String label, String criterion, boolean prunes, Set<Granularity> granularities) {
        this.label = label;
        this.criterion = criterion;
        this.prunes = prunes;
        this.granularities = Set.copyOf(granularities);
    }

    /** The method of registered criterion {@code type}: a ranking of the dense start's units or weights. */
    private static StudyMethod ranking(CriterionType type) {
        return CRITERIA.computeIfAbsent(type.name(), n -> new StudyMethod(n, n, true, EnumSet.allOf(Granularity.class)));
    }

    /**
     * Every method in the study order: dense, variational, the registered criteria in their order (a method with its
     * own allocation in the place of the criterion it shares a name with, or right after the criterion it scores
     * with), then pfp. Criteria that need gates are left out: they cannot prune a dense start.
     */
    public static List<StudyMethod> values() {
        List<StudyMethod> all = new ArrayList<>(List.of(dense, variational));
        for (CriterionType type : PruningCriteria.all()) {
            if (type.needs(CriterionNeed.GATES)) {
                continue;
            }
            StudyMethod own = OWN_ALLOCATION.stream().filter(m -> m.label.equals(type.name())).findFirst().orElse(null);
            all.add(own != null ? own : ranking(type));
            OWN_ALLOCATION.stream().filter(m -> !m.label.equals(type.name()) && type.name().equals(m.criterion))
                    .forEach(all::add);
        }
        OWN_ALLOCATION.stream().filter(m -> !all.contains(m)).forEach(all::add);
        all.add(pfp);
        return all;
    }

    /** The methods a study of {@code granularity} runs when none are given: every method defined at it but dense. */
    public static List<StudyMethod> defaults(Granularity granularity) {
        return values().stream().filter(m -> m != dense && m.granularities.contains(granularity)).toList();
    }

    /** The name in results and on the command line, e.g. {@code mu-var}. */
    public String label() {
        return label;
    }

    /** The label with dashes as underscores ({@code mu_var}), the name of this method when it was an enum constant. */
    public String name() {
        return label.replace('-', '_');
    }

    /** The registered criterion that ranks the dense start's units or weights, or null for the methods that are not a ranking. */
    public CriterionType criterion() {
        return criterion == null ? null : PruningCriteria.named(criterion);
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
        String hint;
        if (this == sipp) {
            hint = "sipp is weight-level SiPP (--granularity weights); the unit-level method is pfp (before issue 19 "
                    + "'sipp' named a unit ranking by PFP sensitivity)";
        } else if (this == pfp) {
            hint = "pfp removes units; weight-level SiPP is sipp";
        } else if (this == variational) {
            hint = "the variational method removes units through its gates; leave it out of a weight study";
        } else {
            hint = label() + " runs at " + granularities;
        }
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
        if (PruningCriteria.names().contains(n) && PruningCriteria.named(n).needs(CriterionNeed.GATES)) {
            throw new IllegalArgumentException("method " + n + " scores the gate probabilities of a variational network "
                    + "and cannot prune a dense start; use the variational method");
        }
        for (StudyMethod m : values()) {
            if (m != dense && m.label.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "' (known: " + values().stream()
                .filter(m -> m != dense).map(StudyMethod::label).collect(Collectors.joining(", ")) + ")");
    }

    /** The method labelled {@code label}, dense included, or null. */
    static StudyMethod labelled(String label) {
        return values().stream().filter(m -> m.label.equals(label)).findFirst().orElse(null);
    }

    /** Position of {@code name} in the study order (unknown names last), for sorting rows. */
    static int rank(String name) {
        List<StudyMethod> all = values();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).label.equals(name)) {
                return i;
            }
        }
        return all.size();
    }

    /** The one instance of this method in this JVM (a Spark executor receives a copy). */
    private Object readResolve() {
        StudyMethod known = labelled(label);
        if (known == null) {
            throw new IllegalStateException("method " + label + " is not known here: is its criterion registered?");
        }
        return known;
    }

    @Override
    public String toString() {
        return label;
    }
}
