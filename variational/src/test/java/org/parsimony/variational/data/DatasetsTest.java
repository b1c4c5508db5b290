package org.parsimony.variational.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.ImageShape;
import org.parsimony.variational.network.InputStandardization;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {
    @TempDir
    Path dir;

    /** 60 training and 20 test rows of 6 features in [0, 1], 3 classes. */
    private static TrainTestSplit pixels() {
        SplittableRandom random = new SplittableRandom(7);
        LabeledData train = rows(random, 60);
        LabeledData test = rows(random, 20);
        return new TrainTestSplit(train, test, "random pixels", new ImageShape(1, 2, 3));
    }

    private static LabeledData rows(SplittableRandom random, int n) {
        float[] x = new float[n * 6];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) random.nextDouble();
        }
        return new LabeledData(x, IntStream.range(0, n).map(i -> i % 3).toArray(), 6, 3);
    }

    private static DeterministicMlp network() {
        Nd4j.getRandom().setSeed(11);
        return new DeterministicMlp(List.of(Nd4j.randn(DataType.FLOAT, 6, 5), Nd4j.randn(DataType.FLOAT, 5, 3)),
                List.of(Nd4j.randn(DataType.FLOAT, 5), Nd4j.randn(DataType.FLOAT, 3)));
    }

    private static INDArray features(LabeledData data) {
        return Minibatch.of(data, IntStream.range(0, data.size()).toArray(), 0, data.size()).features();
    }

    @Test
    void aStandardizedSplitRemembersItsScalingSoTheFoldedNetworkReadsRawFeatures() {
        TrainTestSplit raw = pixels();
        TrainTestSplit standardized = raw.standardized();
        assertNull(raw.standardization());
        assertTrue(standardized.source().startsWith("random pixels, standardised"), standardized.source());
        DeterministicMlp net = network();
        INDArray onStandardized = net.logits(features(standardized.test()));
        INDArray onRaw = standardized.readingRawInputs(net).logits(features(raw.test()));
        assertTrue(onRaw.equalsWithEps(onStandardized, 1e-4), onRaw + " vs " + onStandardized);
        assertSame(net, raw.readingRawInputs(net), "nothing to fold into a network of raw inputs");
    }

    @Test
    void twoStandardisationsComposeIntoOneFold() {
        TrainTestSplit raw = pixels();
        TrainTestSplit twice = raw.standardized().standardized(new InputStandardization(0.3, 2.0));
        DeterministicNetwork net = network();
        INDArray onTwice = net.logits(features(twice.test()));
        INDArray onRaw = twice.readingRawInputs(net).logits(features(raw.test()));
        assertTrue(onRaw.equalsWithEps(onTwice, 1e-4), onRaw + " vs " + onTwice);
    }

    @Test
    void theBundledSubsetIdxFoldersAndCsvFilesAreSplitsOfTheirSource() throws Exception {
        TrainTestSplit bundled = Datasets.bundled();
        assertEquals(10_000, bundled.train().size());
        assertEquals(new ImageShape(1, 28, 28), bundled.image());
        assertTrue(bundled.source().contains("/org/parsimony/variational/data/fashion-mnist-subset/"), bundled.source());
        DataFileException missing = assertThrows(DataFileException.class, () -> Datasets.idx(dir.resolve("none")));
        assertTrue(missing.getMessage().startsWith(dir.resolve("none") + ": "), missing.getMessage());
        TrainTestSplit wine = Datasets.csv(Path.of(DatasetsTest.class.getResource("/tabular/wine.csv").toURI()), "class");
        assertEquals(178, wine.train().size() + wine.test().size());
        assertEquals(3, wine.train().classCount());
    }
}
