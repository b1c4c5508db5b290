import org.parsimony.variational.data.*;
import org.parsimony.pruning.criteria.*;
import org.parsimony.pruning.policy.*;
import org.parsimony.pruning.statistics.*;
import org.parsimony.pruning.surgery.*;
import org.parsimony.variational.network.*;
import org.parsimony.variational.training.*;
import java.nio.file.Path;
import java.util.*;
/**
 * The MU anomaly, variational side: MU scored with a variational posterior's sigma. Trains the variational
 * LeNet-300-100 with the library's defaults but gates frozen (gate step 1e-12, so no unit is removed) for EPOCHS
 * epochs, then prunes its posterior-mean network before any fine-tuning with magnitude (|mu|), MU (|mu| / sigma) and
 * random; units and weights, layer-wise ratios.
 *
 * <pre>java -cp experiments/target/parsimony.jar docs/results/mu-anomaly/VariationalMu.java DATA_DIR EPOCHS SEED</pre>
 */
public class VariationalMu {
    public static void main(String[] a) {
        TrainTestSplit split = InputScaling.standardized.apply(IdxImageDataset.fromDirectory(Path.of(a[0])));
        long seed = Long.parseLong(a[2]);
        TrainerConfig cfg = TrainerConfig.builder().epochs(Integer.parseInt(a[1])).fineTuneEpochs(0).gateLearningRate(1e-12).seed(seed).build();
        VariationalTrainer trainer = new VariationalTrainer(cfg, PriorSettings.defaults());
        VariationalMlp net = trainer.initialize(split.train(), new int[]{300, 100});
        TrainingResult r = trainer.train(net, split.train(), split.test(), TrainingListener.NONE);
        DeterministicMlp det = net.toDeterministic();
        System.out.printf("seed %d variational result acc %.4f, posterior-mean net acc %.4f%n", seed, r.network().accuracy(split.test()), det.accuracy(split.test()));
        PosteriorStatistics s = PosteriorStatistics.fromVariational(net);
        Map<String, PruningCriterion> c = new LinkedHashMap<>();
        c.put("magnitude", new MagnitudeCriterion()); c.put("mu-variational", new MagnitudeUncertaintyCriterion()); c.put("random", new RandomCriterion(seed));
        for (double ratio : new double[]{0.5, 0.7, 0.9}) for (var e : c.entrySet()) {
            KeptUnits kept = new UnitRatioPolicy(e.getValue(), ratio, RatioScope.LAYER_WISE).select(s, new int[]{300, 100});
            System.out.printf("row seed %d units %s %.2f %.4f%n", seed, e.getKey(), ratio, UnitSurgery.apply(det, kept).accuracy(split.test()));
        }
        for (double ratio : new double[]{0.5, 0.7, 0.9, 0.95, 0.98}) for (var e : c.entrySet()) {
            System.out.printf("row seed %d weights %s %.2f %.4f%n", seed, e.getKey(), ratio, new WeightRatioPolicy(e.getValue(), ratio, RatioScope.LAYER_WISE).select(s).apply(det).accuracy(split.test()));
        }
    }
}
