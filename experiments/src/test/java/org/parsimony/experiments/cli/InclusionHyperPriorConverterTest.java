package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;
import org.parsimony.priors.BetaInclusionHyperPrior;
import org.parsimony.priors.SparsityAdaptiveInclusionHyperPrior;
import picocli.CommandLine.TypeConversionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InclusionHyperPriorConverterTest {
    private final InclusionHyperPriorConverter converter = new InclusionHyperPriorConverter();

    @Test
    void readsEveryForm() {
        assertEquals(1.0, assertInstanceOf(SparsityAdaptiveInclusionHyperPrior.class, converter.convert("sparse")).exponent());
        assertEquals(0.5, assertInstanceOf(SparsityAdaptiveInclusionHyperPrior.class, converter.convert("Sparse:0.5")).exponent());
        BetaInclusionHyperPrior flat = assertInstanceOf(BetaInclusionHyperPrior.class, converter.convert("flat"));
        assertEquals(1.0, flat.a());
        assertEquals(1.0, flat.b());
        BetaInclusionHyperPrior beta = assertInstanceOf(BetaInclusionHyperPrior.class, converter.convert("beta:2,5"));
        assertEquals(2.0, beta.a());
        assertEquals(5.0, beta.b());
    }

    @Test
    void refusesWhatIsNotAHyperPriorWithTheReason() {
        assertTrue(assertThrows(TypeConversionException.class, () -> converter.convert("gamma")).getMessage().contains("sparse"));
        assertTrue(assertThrows(TypeConversionException.class, () -> converter.convert("beta:2")).getMessage().contains("beta:A,B"));
        assertTrue(assertThrows(TypeConversionException.class, () -> converter.convert("sparse:-1")).getMessage().contains("[0, 2]"));
        assertTrue(assertThrows(TypeConversionException.class, () -> converter.convert("beta:0.5,1")).getMessage().contains("a >= 1"));
        assertThrows(TypeConversionException.class, () -> converter.convert("sparse:x"));
    }
}
