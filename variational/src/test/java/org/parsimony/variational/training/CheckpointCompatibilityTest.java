package org.parsimony.variational.training;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parsimony.variational.network.ParameterKey;
import org.parsimony.variational.network.ParameterKind;
import org.parsimony.variational.network.VariationalNetwork;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints written before parameters were keyed by {@link ParameterKey} (by commit f9e6fbc: a gated MLP on the wine
 * data, a LeNet-5 on the bundled images) are read into the same keys and networks, and written back entry for entry
 * as they were.
 */
class CheckpointCompatibilityTest {
    @ParameterizedTest
    @CsvSource({"wine-mlp-before-keys.ckpt, 13 6 4 3, true", "lenet5-before-keys.ckpt, 784 3 4 8 10, false"})
    void oldCheckpointsResumeAndAreWrittenBackUnchanged(String resource, String widths, boolean gateMoments,
                                                        @TempDir Path dir) throws IOException, URISyntaxException {
        Path old = Path.of(getClass().getResource("/checkpoints/" + resource).toURI());
        TrainingCheckpoint c = CheckpointFile.read(old);

        VariationalNetwork network = CheckpointCodec.networkOf(c, old);
        int[] expected = Arrays.stream(widths.split(" ")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, network.widths());
        CheckpointCodec.checkCounters(c, network, old);
        for (int l = 0; l < network.layerCount(); l++) {
            assertEquals(network.layer(l).weightMean(), c.arrays().get(ParameterKind.WEIGHT_MEAN.at(l)));
            assertTrue(c.adamMoments().containsKey(ParameterKind.WEIGHT_MEAN.at(l)));
            assertTrue(c.adamMoments().containsKey(ParameterKind.BIAS.at(l)));
        }
        assertEquals(gateMoments, c.adamMoments().containsKey(ParameterKind.GATE.at(0)));

        Path again = dir.resolve("again.ckpt");
        CheckpointFile.write(c, again);
        assertEquals(entries(old), entries(again));
    }

    /** The names and contents of the zip's entries, in their order. */
    private static List<String> entries(Path zipFile) throws IOException {
        List<String> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.add(entry.getName() + " " + Arrays.toString(zip.readAllBytes()));
            }
        }
        return entries;
    }
}
