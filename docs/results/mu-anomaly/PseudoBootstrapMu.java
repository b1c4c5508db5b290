import org.parsimony.variational.data.*;
import org.parsimony.pruning.criteria.*;
import org.parsimony.pruning.finetune.*;
import org.parsimony.pruning.policy.*;
import org.parsimony.pruning.statistics.*;
import org.parsimony.pruning.surgery.*;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.DeterministicMlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import java.nio.file.Path;
import java.util.*;

/**
 * The MU anomaly, pseudo-bootstrap side. Trains the dense LeNet-300-100 (standardised inputs, Adam 1e-3 constant,
 * batch 128) for EPOCHS epochs while recording the last 500 iterates, then prunes it before any fine-tuning with
 * magnitude, random and MU, MU's sigma taken over the last K = 10, 50 (the library's default) and 500 iterates, raw
 * and with each weight's linear drift over the window removed; units (chi-square Wald statistic as in the library, and
 * the mean of the weight scores) and weights, layer-wise ratios. Also prints rank correlations of MU with sigma,
 * magnitude and how often each unit is active.
 *
 * <pre>java -cp experiments/target/parsimony.jar docs/results/mu-anomaly/PseudoBootstrapMu.java DATA_DIR EPOCHS SEED</pre>
 */
public class PseudoBootstrapMu {
    public static void main(String[] a) {
        Path dir = Path.of(a[0]); int epochs = Integer.parseInt(a[1]); long seed = Long.parseLong(a[2]);
        TrainTestSplit split = InputScaling.standardized.apply(IdxImageDataset.fromDirectory(dir));
        int[] widths = split.networkWidths(new int[]{300, 100});
        FineTuneConfig cfg = FineTuneConfig.defaults().withSeed(seed).withEpochs(epochs);
        PseudoBootstrapRecorder rec = new PseudoBootstrapRecorder(500);
        DeterministicMlp net = new DeterministicTrainer(cfg).train(DeterministicTrainer.initialize(widths, seed), split.train(), null, rec);
        System.out.printf("seed %d dense acc %.4f%n", seed, net.accuracy(split.test()));
        double[][] activity = activity(net, split.train().head(Math.min(5000, split.train().size())));
        Map<String, PosteriorStatistics> stats = new LinkedHashMap<>();
        for (int k : new int[]{10, 50, 500}) stats.put("K=" + k, window(net, rec, k, false));
        for (int k : new int[]{50, 500}) stats.put("detrended K=" + k, window(net, rec, k, true));
        PruningCriterion mu = new MagnitudeUncertaintyCriterion();
        PruningCriterion muL1 = new MuMeanRatio();
        PruningCriterion mag = new MagnitudeCriterion();
        PruningCriterion rnd = new RandomCriterion(seed);
        PosteriorStatistics s50 = stats.get("K=50");
        for (int l = 0; l < 2; l++) {
            double[] m = mu.unitScores(s50).get(l), g = mag.unitScores(s50).get(l);
            double[] sig = s50.layer(l).weightStandardDeviation().mean(0).toDoubleVector();
            System.out.printf("diag seed %d layer %d: spearman(MU,meanSigma) %.3f spearman(MU,magnitude) %.3f spearman(MU,activity) %.3f spearman(magnitude,activity) %.3f; activity of top-10%%: MU %.3f magnitude %.3f all %.3f%n",
                seed, l, sp(m, sig), sp(m, g), sp(m, activity[l]), sp(g, activity[l]), topActivity(m, activity[l]), topActivity(g, activity[l]), Arrays.stream(activity[l]).average().orElse(0));
        }
        double[] ratios = {0.5, 0.7, 0.9};
        List<Object[]> rows = new ArrayList<>();
        for (double r : ratios) {
            rows.add(new Object[]{"units", "magnitude", r, unitAcc(net, split, mag, s50, r)});
            rows.add(new Object[]{"units", "random", r, unitAcc(net, split, rnd, s50, r)});
            for (var e : stats.entrySet()) {
                rows.add(new Object[]{"units", "mu-chi2 " + e.getKey(), r, unitAcc(net, split, mu, e.getValue(), r)});
                rows.add(new Object[]{"units", "mu-mean " + e.getKey(), r, unitAcc(net, split, muL1, e.getValue(), r)});
            }
        }
        for (double r : new double[]{0.5, 0.7, 0.9, 0.95, 0.98}) {
            rows.add(new Object[]{"weights", "magnitude", r, weightAcc(net, split, mag, s50, r)});
            rows.add(new Object[]{"weights", "random", r, weightAcc(net, split, rnd, s50, r)});
            for (var e : stats.entrySet()) rows.add(new Object[]{"weights", "mu " + e.getKey(), r, weightAcc(net, split, mu, e.getValue(), r)});
        }
        for (Object[] row : rows) System.out.printf("row seed %d %s %s %.2f %.4f%n", seed, row[0], row[1], row[2], row[3]);
    }
    static double unitAcc(DeterministicMlp net, TrainTestSplit split, PruningCriterion c, PosteriorStatistics s, double r) {
        KeptUnits kept = new UnitRatioPolicy(c, r, RatioScope.LAYER_WISE).select(s, new int[]{300, 100});
        return UnitSurgery.apply(net, kept).accuracy(split.test());
    }
    static double weightAcc(DeterministicMlp net, TrainTestSplit split, PruningCriterion c, PosteriorStatistics s, double r) {
        return new WeightRatioPolicy(c, r, RatioScope.LAYER_WISE).select(s).apply(net).accuracy(split.test());
    }
    static PosteriorStatistics window(DeterministicMlp net, PseudoBootstrapRecorder rec, int k, boolean detrend) {
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            List<INDArray> h = rec.history(l);
            List<INDArray> last = h.subList(Math.max(0, h.size() - k), h.size());
            int n = last.size();
            long[] shape = last.get(0).shape();
            int m = (int) last.get(0).length();
            double[] sum = new double[m], sumSq = new double[m], sumT = new double[m];
            double tMean = (n - 1) / 2.0, tt = 0;
            for (int i = 0; i < n; i++) {
                float[] v = last.get(i).reshape(-1).toFloatVector();
                double t = i - tMean; tt += t * t;
                for (int j = 0; j < m; j++) { sum[j] += v[j]; sumSq[j] += (double) v[j] * v[j]; sumT[j] += t * v[j]; }
            }
            double[] sd = new double[m];
            for (int j = 0; j < m; j++) {
                double mean = sum[j] / n;
                double ss = Math.max(0, sumSq[j] - n * mean * mean);
                if (detrend) { double slope = sumT[j] / tt; ss = Math.max(0, ss - slope * slope * tt); sd[j] = Math.sqrt(ss / (n - 2)); }
                else sd[j] = Math.sqrt(ss / (n - 1));
            }
            for (INDArray x : h) x.close();
            layers.add(new LayerStatistics(net.weight(l).castTo(DataType.DOUBLE), Nd4j.createFromArray(sd).reshape(shape), null, List.of()));
        }
        return new PosteriorStatistics(layers);
    }
    static double[][] activity(DeterministicMlp net, LabeledData d) {
        float[] f = new float[d.size() * d.featureCount()];
        for (int i = 0; i < d.size(); i++) d.copyFeatures(i, f, i * d.featureCount());
        INDArray h = Nd4j.create(f, new long[]{d.size(), d.featureCount()}, 'c');
        double[][] out = new double[2][];
        for (int l = 0; l < 2; l++) {
            INDArray pre = h.mmul(net.weight(l)).addiRowVector(net.bias(l));
            out[l] = pre.gt(0).castTo(DataType.DOUBLE).mean(0).toDoubleVector();
            h = Transforms.relu(pre, true);
        }
        return out;
    }
    static double topActivity(double[] s, double[] act) { Integer[] o = order(s); int k = s.length / 10; double t = 0; for (int i = 0; i < k; i++) t += act[o[o.length - 1 - i]]; return t / k; }
    static Integer[] order(double[] s) { Integer[] i = new Integer[s.length]; for (int k = 0; k < s.length; k++) i[k] = k; Arrays.sort(i, Comparator.comparingDouble(k -> s[k])); return i; }
    static double[] ranks(double[] s) { Integer[] o = order(s); double[] r = new double[s.length]; for (int k = 0; k < s.length; k++) r[o[k]] = k; return r; }
    static double sp(double[] a, double[] b) { double[] x = ranks(a), y = ranks(b); double mx = 0, my = 0; for (int i = 0; i < x.length; i++) { mx += x[i]; my += y[i]; } mx /= x.length; my /= x.length; double sxy = 0, sxx = 0, syy = 0; for (int i = 0; i < x.length; i++) { sxy += (x[i]-mx)*(y[i]-my); sxx += (x[i]-mx)*(x[i]-mx); syy += (y[i]-my)*(y[i]-my);} return sxy / Math.sqrt(sxx*syy); }
    /** Unit score: the mean of the weight-level MU scores |mu|/sigma over the unit's weights with sigma > 0. */
    static final class MuMeanRatio implements PruningCriterion {
        public String name() { return "mu-mean"; }
        public List<double[]> unitScores(CriterionContext context) {
            PosteriorStatistics s = context.statistics();
            List<double[]> out = new ArrayList<>();
            List<INDArray> w = new MagnitudeUncertaintyCriterion().weightScores(s);
            for (int l = 0; l < s.hiddenLayerCount(); l++) out.add(w.get(l).mean(0).toDoubleVector());
            return out;
        }
        public List<INDArray> weightScores(CriterionContext context) { return new MagnitudeUncertaintyCriterion().weightScores(context); }
    }
}
