package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's {@code ```java study} snippet compiles against this module and runs, writing into a temporary folder. */
public class ReadmeStudySnippetTest {
    private static final Pattern SNIPPET = Pattern.compile("(?m)^```java study\\n(.*?)^```$", Pattern.DOTALL);
    private static Path folder;

    @TempDir
    Path dir;

    /** {@code name} in the test's temporary folder, in place of {@code Path.of(name)}. */
    public static Path file(String name) {
        return folder.resolve(name);
    }

    @Test
    void theStudySnippetOfTheReadmeCompilesAndRuns() throws Exception {
        folder = dir;
        Matcher m = SNIPPET.matcher(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        assertTrue(m.find(), "the README has a java study snippet");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String body = m.group(1).replaceAll("Path\\.of\\(\"", ReadmeStudySnippetTest.class.getName() + ".file(\"");
        Path source = Files.createDirectories(dir.resolve("src")).resolve("StudySnippet.java");
        Files.writeString(source, """
                import org.parsimony.experiments.study.*;
                import org.parsimony.variational.data.InputScaling;
                import java.nio.file.*;
                public class StudySnippet {
                    public static void run() throws Exception {
                """ + body + "    }\n}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            assertTrue(compiler.getTask(null, manager, diagnostics, List.of("-classpath", classPath, "-d",
                    classes.toString(), "--release", "17"), null, manager.getJavaFileObjectsFromPaths(List.of(source)))
                    .call(), () -> "the README's study snippet does not compile:\n" + diagnostics.getDiagnostics());
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeStudySnippetTest.class.getClassLoader())) {
            loader.loadClass("StudySnippet").getMethod("run").invoke(null);
        }
        List<String> rows = Files.readAllLines(dir.resolve("runs").resolve("study").resolve("runs.csv"));
        assertEquals(1 + 1 + 3 * 2, rows.size(), String.join("\n", rows));
    }
}
