package org.parsimony.experiments.cli;

import org.parsimony.pruning.criteria.CriterionType;
import org.parsimony.pruning.criteria.PruningCriteria;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Iterator;

/**
 * {@code --criterion} and {@code --criteria} read from the registry ({@link PruningCriteria}): their help lists the
 * registered names ({@code ${COMPLETION-CANDIDATES}}) and an unknown name is refused with the known ones, so a new
 * criterion needs no edit here.
 */
public final class CriterionOption implements ITypeConverter<CriterionType> {

    @Override
    public CriterionType convert(String value) {
        try {
            return PruningCriteria.named(value.strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The registered names, for picocli's completion candidates. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PruningCriteria.names().iterator();
        }
    }
}
