package org.parsimony.dl4j;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's {@code ```java dl4j} snippet compiles against {@code parsimony-dl4j} and the library modules (not
 * {@code experiments}) and runs, with {@code net} a small DL4J MLP and {@code trainIterator} its training data.
 */
public class ReadmeDl4jSnippetTest {
    private static final Pattern SNIPPET = Pattern.compile("(?m)^```java dl4j\\n(.*?)^```$", Pattern.DOTALL);
    private static Path folder;

    @TempDir
    Path dir;

    /** {@code name} in the test's temporary folder, in place of {@code Path.of(name)}. */
    public static Path file(String name) {
        return folder.resolve(name);
    }

    @Test
    void theDl4jSnippetOfTheReadmeCompilesAndRunsOnADl4jNetwork() throws Exception {
        folder = dir;
        Matcher m = SNIPPET.matcher(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        assertTrue(m.find(), "the README has a java dl4j snippet");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertFalse(Arrays.stream(classPath.split(File.pathSeparator)).anyMatch(e -> e.contains("experiments")), classPath);
        String body = m.group(1).replaceAll("Path\\.of\\(\"", ReadmeDl4jSnippetTest.class.getName() + ".file(\"");
        Path source = Files.createDirectories(dir.resolve("src")).resolve("Dl4jSnippet.java");
        Files.writeString(source, """
                import org.parsimony.dl4j.*;
                import org.parsimony.pruning.criteria.*;
                import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
                import java.nio.file.*;
                public class Dl4jSnippet {
                    public static void run(MultiLayerNetwork net, DataSetIterator trainIterator) throws Exception {
                """ + body + "    }\n}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            assertTrue(compiler.getTask(null, manager, diagnostics, List.of("-classpath", classPath, "-d",
                    classes.toString(), "--release", "17"), null, manager.getJavaFileObjectsFromPaths(List.of(source)))
                    .call(), () -> "the README's DL4J snippet does not compile:\n" + diagnostics.getDiagnostics());
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeDl4jSnippetTest.class.getClassLoader())) {
            loader.loadClass("Dl4jSnippet").getMethod("run", org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class,
                    org.nd4j.linalg.dataset.api.iterator.DataSetIterator.class).invoke(null, Dl4jNets.mlp(1),
                    new ListDataSetIterator<>(Dl4jNets.data(200, 1, false, CNN2DFormat.NCHW).asList(), 50));
        }
        assertTrue(Files.exists(dir.resolve("pruned.zip")), "the snippet saves the pruned network");
    }
}
