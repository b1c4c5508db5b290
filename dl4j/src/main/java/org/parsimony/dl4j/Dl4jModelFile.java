package org.parsimony.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.parsimony.pruning.io.ModelFileException;
import org.parsimony.variational.io.AtomicFileWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A DL4J {@code ModelSerializer} zip ({@code configuration.json}, {@code coefficients.bin}, optionally
 * {@code updaterState.bin}) holding a {@code MultiLayerNetwork} or a {@code ComputationGraph}. Reading checks the archive before DL4J sees it, so a bad
 * file gives one line naming it and the problem ({@link ModelFileException}); writing is atomic.
 */
public final class Dl4jModelFile {
    private Dl4jModelFile() {
    }

    /** Whether {@code file} looks like a DL4J model zip (a zip archive with a {@code configuration.json}), by name or content. */
    public static boolean isDl4jZip(Path file) {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            return true;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(ModelSerializer.CONFIGURATION_JSON) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The {@code MultiLayerNetwork} in {@code file}, with its updater state.
     *
     * @throws ModelFileException if the file is missing, not a zip, lacks the configuration or coefficients, holds a
     *                            {@code ComputationGraph}, or DL4J cannot read it
     */
    public static MultiLayerNetwork load(Path file) {
        if (holdsGraph(file)) {
            throw new ModelFileException(file, "holds a DL4J ComputationGraph; a MultiLayerNetwork is needed here");
        }
        return restoreLayers(file);
    }

    /**
     * The network in {@code file}, a {@code MultiLayerNetwork} or a {@code ComputationGraph} with one input and one
     * output, with its updater state.
     *
     * @throws ModelFileException if the file is missing, not a zip, lacks the configuration or coefficients, DL4J
     *                            cannot read it, or it holds a graph with several inputs or outputs
     */
    public static Dl4jNetwork read(Path file) {
        if (!holdsGraph(file)) {
            return Dl4jNetwork.of(restoreLayers(file));
        }
        ComputationGraph graph;
        try {
            graph = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file, "DL4J cannot restore it as a ComputationGraph: " + firstLine(e), e);
        }
        try {
            return Dl4jNetwork.of(graph);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "holds " + e.getMessage(), e);
        }
    }

    private static MultiLayerNetwork restoreLayers(Path file) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file, "DL4J cannot restore it as a MultiLayerNetwork: " + firstLine(e), e);
        }
    }

    /** Checks the archive and tells whether its configuration is a {@code ComputationGraph}'s. */
    private static boolean holdsGraph(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        String configuration;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry(ModelSerializer.CONFIGURATION_JSON);
            if (conf == null) {
                throw new ModelFileException(file, "not a DL4J model zip: no " + ModelSerializer.CONFIGURATION_JSON);
            }
            if (zip.getEntry(ModelSerializer.COEFFICIENTS_BIN) == null) {
                throw new ModelFileException(file, "DL4J model zip without " + ModelSerializer.COEFFICIENTS_BIN + " (no parameters)");
            }
            configuration = new String(zip.getInputStream(conf).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new ModelFileException(file, "not a zip archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
        return configuration.contains("\"vertices\"") && !configuration.contains("\"confs\"");
    }

    /** Writes {@code network} (a {@code MultiLayerNetwork} or {@code ComputationGraph}) with its updater state to {@code file}, atomically. */
    public static void save(Model network, Path file) {
        AtomicFileWriter.write(file, temp -> ModelSerializer.writeModel(network, temp.toFile(), true));
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
