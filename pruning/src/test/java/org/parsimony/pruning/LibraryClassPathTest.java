package org.parsimony.pruning;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The library modules ({@code priors}, {@code variational}, {@code pruning}) leave a user's logging and class path
 * alone: no {@code logback.xml} of theirs, and none of the command line's libraries (picocli, XChart, JMH) on their
 * class path, which is this module's test class path minus the test libraries.
 */
class LibraryClassPathTest {
    @Test
    void noLoggingConfigurationIsShipped() {
        assertNull(LibraryClassPathTest.class.getResource("/logback.xml"), "a library must not configure logging");
    }

    @Test
    void theCommandLineLibrariesAreNotOnTheClassPath() {
        for (String name : new String[] {"picocli.CommandLine", "org.knowm.xchart.XYChart",
                "org.openjdk.jmh.annotations.Benchmark", "org.parsimony.experiments.cli.ParsimonyCommand"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
