package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.experiments.data.CifarBinary;
import org.parsimony.experiments.data.CifarFiles;
import org.parsimony.variational.data.TrainTestSplit;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compare --archs vgg16, vgg16:x0.25}: names, widths on CIFAR-format data, and batch norm in variational runs only. */
class Vgg16ArchitectureTest {
    @TempDir
    Path dir;

    @Test
    void vgg16ParsesWithAWidthMultiplierAndIsBatchNormalisedForVariationalRunsOnly() {
        List<StudyArchitecture> archs = StudyArchitecture.parseList("vgg16,vgg16:x0.25");
        assertEquals(List.of("vgg16", "vgg16:x0.25"), archs.stream().map(StudyArchitecture::name).toList());
        ConvArchitecture quarter = (ConvArchitecture) archs.get(1);
        assertEquals(0.25, quarter.width());
        TrainTestSplit data = CifarBinary.fromDirectory(CifarFiles.write(dir.resolve("c"), 3, 3));
        quarter.check(data);
        var layers = quarter.layers(data);
        assertArrayEquals(new int[] {3072, 16, 16, 32, 32, 64, 64, 64, 128, 128, 128, 128, 128, 128, 128, 10},
                layers.widths());
        assertTrue(layers.hasBatchNorm());
        assertTrue(((ConvArchitecture) archs.get(0)).layers(data).widths()[13] == 512);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> StudyArchitecture.parse("vgg16:xabc"));
        assertEquals("architecture 'vgg16:xabc': the width multiplier after ':x' must be a number, as in vgg16:x0.25",
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StudyArchitecture.parse("vgg16:x0"));
    }
}
