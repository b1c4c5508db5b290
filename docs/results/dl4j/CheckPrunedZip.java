import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.dl4j.DependencyGraph;
import org.parsimony.dl4j.Dl4jData;
import org.parsimony.dl4j.Dl4jSurgery;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.TrainTestSplit;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Checks a zip written by {@code prune --model ORIGINAL.zip --fine-tune 0}: both are restored with plain
 * {@code ModelSerializer.restoreMultiLayerNetwork}, the layer sizes are printed, and the pruned network's outputs are
 * compared with the original's masked at the units prune.json lists as kept, on the first 100 test images.
 *
 * <pre>java -cp experiments/target/parsimony.jar docs/results/dl4j/CheckPrunedZip.java ORIGINAL.zip OUT_DIR DATA_DIR</pre>
 */
public class CheckPrunedZip {
    public static void main(String[] args) throws Exception {
        MultiLayerNetwork original = ModelSerializer.restoreMultiLayerNetwork(new File(args[0]));
        MultiLayerNetwork pruned = ModelSerializer.restoreMultiLayerNetwork(Path.of(args[1], "model.zip").toFile());
        for (int i = 0; i < pruned.getnLayers(); i++) {
            Layer before = original.getLayerWiseConfigurations().getConf(i).getLayer();
            Layer after = pruned.getLayerWiseConfigurations().getConf(i).getLayer();
            if (after instanceof FeedForwardLayer a && before instanceof FeedForwardLayer b) {
                System.out.printf("layer %d %-18s nIn %4d -> %4d   nOut %4d -> %4d%n", i, after.getClass().getSimpleName(),
                        b.getNIn(), a.getNIn(), b.getNOut(), a.getNOut());
            }
        }
        JsonNode report = new ObjectMapper().readTree(Path.of(args[1], "prune.json").toFile());
        List<long[]> kept = new ArrayList<>();
        report.get("kept").forEach(g -> {
            long[] units = new long[g.size()];
            for (int k = 0; k < units.length; k++) {
                units[k] = g.get(k).asLong();
            }
            kept.add(units);
        });
        TrainTestSplit split = IdxImageDataset.fromDirectory(Path.of(args[2]));
        Dl4jData feed = new Dl4jData(original, split.train(), split.image());
        INDArray x = feed.minibatch(split.test(), IntStream.range(0, 100).toArray(), 0, 100).getFeatures();
        MultiLayerNetwork masked = Dl4jSurgery.mask(original, DependencyGraph.of(original), kept);
        System.out.printf("max |restored pruned - masked original| on 100 test images: %.3e (vs unmasked original %.3e)%n",
                pruned.output(x).sub(masked.output(x)).amaxNumber().doubleValue(),
                pruned.output(x).sub(original.output(x)).amaxNumber().doubleValue());
    }
}
