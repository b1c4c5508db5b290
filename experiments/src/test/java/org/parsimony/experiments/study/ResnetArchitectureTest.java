package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.experiments.data.CifarBinary;
import org.parsimony.experiments.data.CifarFiles;
import org.parsimony.variational.data.TrainTestSplit;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compare --archs resnet20:x0.25,resnet56}: names, residual layers on CIFAR-format data, batch norm in variational runs. */
class ResnetArchitectureTest {
    @TempDir
    Path dir;

    @Test
    void resnetsParseWithAWidthMultiplierAndKeepTheirResidualWiring() {
        List<StudyArchitecture> archs = StudyArchitecture.parseList("resnet20:x0.25,resnet56");
        assertEquals(List.of("resnet20:x0.25", "resnet56"), archs.stream().map(StudyArchitecture::name).toList());
        TrainTestSplit data = CifarBinary.fromDirectory(CifarFiles.write(dir.resolve("c"), 3, 3));
        var quarter = ((ConvArchitecture) archs.get(0)).layers(data);
        assertEquals("resnet20", quarter.name());
        assertTrue(quarter.isResidual() && quarter.hasBatchNorm());
        assertEquals(List.of(15, 16, 18, 20), quarter.dependencies().coupled(20));
        assertEquals(16, quarter.layer(20).units());
        assertEquals(58, ((ConvArchitecture) archs.get(1)).layers(data).layerCount());
    }
}
