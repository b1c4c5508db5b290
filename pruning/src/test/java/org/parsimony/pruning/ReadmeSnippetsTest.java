package org.parsimony.pruning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.Datasets;
import org.parsimony.variational.data.TrainTestSplit;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code ```java} snippet of the README compiles against the library modules alone (this module's class path:
 * {@code priors}, {@code variational}, {@code pruning} and their dependencies, not {@code experiments}) and runs: on the
 * first 1,000 training and 200 test images of the bundled data, its files written to a temporary folder.
 */
public class ReadmeSnippetsTest {
    /** The imports the README says it leaves out. */
    private static final String IMPORTS = """
            import org.parsimony.pruning.*;
            import org.parsimony.pruning.io.*;
            import org.parsimony.pruning.finetune.*;
            import org.parsimony.variational.data.*;
            import org.parsimony.variational.network.*;
            import org.parsimony.variational.training.*;
            import java.nio.file.*;
            import java.util.*;
            """;
    private static final Pattern SNIPPET = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
    private static TrainTestSplit small;
    private static Path folder;

    @TempDir
    Path dir;

    /** The bundled data cut to 1,000 training and 200 test images, in place of {@code Datasets.bundled()}. */
    public static synchronized TrainTestSplit bundled() {
        if (small == null) {
            TrainTestSplit all = Datasets.bundled();
            small = new TrainTestSplit(all.train().head(1000), all.test().head(200), all.source(), all.image());
        }
        return small;
    }

    /** {@code name} in the test's temporary folder, in place of {@code Path.of(name)}. */
    public static Path file(String name) {
        return folder.resolve(name);
    }

    static List<String> snippets(String readme) {
        List<String> found = new ArrayList<>();
        Matcher m = SNIPPET.matcher(readme);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyJavaSnippetOfTheReadmeCompilesAgainstTheLibraryAloneAndRuns() throws Exception {
        folder = dir;
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<String> snippets = snippets(readme);
        assertEquals(3, snippets.size(), "the README's Java API section has the three jobs");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertFalse(Arrays.stream(classPath.split(File.pathSeparator)).anyMatch(e -> e.contains("experiments")),
                "the snippets are compiled without the experiments module: " + classPath);
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < snippets.size(); k++) {
            String body = snippets.get(k)
                    .replace("Datasets.bundled()", ReadmeSnippetsTest.class.getName() + ".bundled()")
                    .replaceAll("Path\\.of\\(\"", ReadmeSnippetsTest.class.getName() + ".file(\"");
            Path source = sources.resolve("Snippet" + k + ".java");
            Files.writeString(source, IMPORTS + "public class Snippet" + k + " {\n    public static void run() throws "
                    + "Exception {\n" + body + "    }\n}\n");
            files.add(source);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(null, manager, diagnostics, List.of("-classpath", classPath, "-d",
                    classes.toString(), "--release", "17"), null, manager.getJavaFileObjectsFromPaths(files)).call();
            assertTrue(compiled, () -> "README snippets do not compile:\n" + diagnostics.getDiagnostics());
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeSnippetsTest.class.getClassLoader())) {
            for (int k = 0; k < snippets.size(); k++) {
                try {
                    loader.loadClass("Snippet" + k).getMethod("run").invoke(null);
                } catch (InvocationTargetException e) {
                    fail("README snippet " + (k + 1) + " failed:\n" + snippets.get(k), e.getCause());
                }
            }
        }
        for (String saved : new String[] {"gated.sdz", "mlp-mu70.sdz", "lenet5-mu70.sdz"}) {
            assertTrue(Files.exists(dir.resolve(saved)), saved + " was written");
        }
    }

    @Test
    void aFenceNamedJavaOpensASnippetAndAnotherLanguageDoesNot() {
        List<String> found = snippets("text\n```java\nint a = 1;\n```\n```java dl4j\nint b;\n```\n```\nx\n```\n");
        assertEquals(List.of("int a = 1;\n"), found);
    }
}
