package org.parsimony.experiments.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Java script under {@code docs/results/} (the programs the result folders tell a reader to run with
 * {@code java -cp parsimony.jar FILE.java}) compiles against the current library, so a redesign cannot leave the
 * documented commands broken.
 */
class ResultScriptsCompileTest {

    @TempDir
    Path classes;

    @Test
    void everyScriptUnderDocsResultsCompiles() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(Path.of("..", "docs", "results"))) {
            scripts = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertFalse(scripts.isEmpty(), "docs/results holds Java scripts");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (Path script : scripts) { // one at a time: each is a program of its own, several declare the same names
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
                boolean ok = compiler.getTask(null, files, diagnostics, List.of("-classpath", classPath, "-d",
                        classes.toString(), "-proc:none"), null, files.getJavaFileObjects(script)).call();
                assertTrue(ok, script + ": " + diagnostics.getDiagnostics());
            }
        }
    }
}
