package org.parsimony.experiments.cli;

import org.parsimony.priors.BetaInclusionHyperPrior;
import org.parsimony.priors.InclusionHyperPrior;
import org.parsimony.priors.SparsityAdaptiveInclusionHyperPrior;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --inclusion-prior}: {@code sparse} ({@code Beta(1, J)}), {@code sparse:U} ({@code Beta(1, J^U)}),
 * {@code flat} ({@code Beta(1, 1)}) or {@code beta:A,B} ({@code Beta(A, B)}).
 */
final class InclusionHyperPriorConverter implements ITypeConverter<InclusionHyperPrior> {
    static final String FORMS = "sparse, sparse:U, flat or beta:A,B";

    /** The option value that reads as {@code prior}, for {@code --help}'s default. */
    static String formOf(InclusionHyperPrior prior) {
        if (prior instanceof SparsityAdaptiveInclusionHyperPrior sparse) {
            return "sparse:" + number(sparse.exponent());
        }
        if (prior instanceof BetaInclusionHyperPrior beta) {
            return "beta:" + number(beta.a()) + "," + number(beta.b());
        }
        return prior.describe();
    }

    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    @Override
    public InclusionHyperPrior convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.equals("sparse")) {
                return new SparsityAdaptiveInclusionHyperPrior(1);
            }
            if (v.startsWith("sparse:")) {
                return new SparsityAdaptiveInclusionHyperPrior(Double.parseDouble(v.substring(7)));
            }
            if (v.equals("flat")) {
                return new BetaInclusionHyperPrior(1, 1);
            }
            if (v.startsWith("beta:")) {
                String[] ab = v.substring(5).split(",");
                if (ab.length == 2) {
                    return new BetaInclusionHyperPrior(Double.parseDouble(ab[0]), Double.parseDouble(ab[1]));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "': " + e.getMessage());
        }
        throw new TypeConversionException("'" + value + "' is not an inclusion hyper-prior; use " + FORMS);
    }
}
